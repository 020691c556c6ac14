using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RelationalCoordination.Web.Data.Configurations;

public sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public const int TitleMaxLength = 200;
    public const int WorkProcessMaxLength = 200;
    public const int IntroductionMaxLength = 4000;

    public void Configure(EntityTypeBuilder<Survey> builder)
    {
        builder.Property(s => s.Title).HasMaxLength(TitleMaxLength);
        builder.Property(s => s.WorkProcess).HasMaxLength(WorkProcessMaxLength);
        builder.Property(s => s.Introduction).HasMaxLength(IntroductionMaxLength);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.FrequencyVariant).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Version).IsRowVersion();
        builder.HasIndex(s => s.OrganisationId);
        builder.Property(s => s.PublicKey).HasMaxLength(16);
        builder.HasIndex(s => s.PublicKey).IsUnique();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.PreviousWave).WithMany().HasForeignKey(s => s.PreviousWaveId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(s => s.Roles).WithOne().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SurveyRoleConfiguration : IEntityTypeConfiguration<SurveyRole>
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 1000;

    public void Configure(EntityTypeBuilder<SurveyRole> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(NameMaxLength);
        builder.Property(r => r.Description).HasMaxLength(DescriptionMaxLength);
        // Names are unique per survey by validation, not by index: swapping two names in one save
        // would trip a unique index between the two UPDATE statements.
        builder.HasIndex(r => r.SurveyId);
    }
}

public sealed class ResponseConfiguration : IEntityTypeConfiguration<Response>
{
    public void Configure(EntityTypeBuilder<Response> builder)
    {
        builder.HasIndex(r => r.SurveyId);
        builder.HasOne<Survey>().WithMany().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SurveyRole>().WithMany().HasForeignKey(r => r.RoleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AnswerConfiguration : IEntityTypeConfiguration<Answer>
{
    public void Configure(EntityTypeBuilder<Answer> builder)
    {
        builder.HasKey(a => new { a.ResponseId, a.TargetRoleId });
        // No foreign key to the target role: every path that stores answers checks the role against
        // the survey first, roles cannot change once answers exist, and a key checked row by row
        // (with its index) made a large import a third slower (docs/benchmarks.md).
        foreach (var column in new[] { "Frequent", "Timely", "Accurate", "ProblemSolving", "SharedGoals", "SharedKnowledge", "MutualRespect" })
        {
            builder.ToTable(t => t.HasCheckConstraint($"CK_Answers_{column}", $"\"{column}\" BETWEEN 1 AND 5"));
        }
    }
}
