using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RelationalCoordination.Web.Data.Configurations;

public sealed class ResponseConfiguration : IEntityTypeConfiguration<Response>
{
    public void Configure(EntityTypeBuilder<Response> builder)
    {
        builder.HasIndex(r => r.SurveyId);
        builder.HasOne<Survey>().WithMany().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SurveyRole>().WithMany().HasForeignKey(r => r.RoleId).OnDelete(DeleteBehavior.Restrict);
        // The database checks this reference, and deletes a response's answers with it, by
        // statement-level triggers rather than a foreign key (decision 0024, migration
        // AnswerChecksPerStatement): a key is checked row by row, 3 of the 5 seconds of storing a
        // large import. Keep the relationship here; never let a migration add the key back.
        builder.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AnswerConfiguration : IEntityTypeConfiguration<Answer>
{
    public void Configure(EntityTypeBuilder<Answer> builder)
    {
        builder.ToTable(AnswerColumns.Table);
        builder.HasKey(a => new { a.ResponseId, a.TargetRoleId });
        // No foreign key to the target role: every path that stores answers checks the role against
        // the survey first, roles cannot change once answers exist, and a key checked row by row
        // (with its index) made a large import a third slower (docs/benchmarks.md).
        foreach (var column in AnswerColumns.Names)
        {
            builder.ToTable(t => t.HasCheckConstraint(AnswerColumns.CheckConstraintName(column), $"\"{column}\" BETWEEN 1 AND 5"));
        }
    }
}
