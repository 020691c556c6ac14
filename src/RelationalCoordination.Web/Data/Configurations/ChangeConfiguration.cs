using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RelationalCoordination.Web.Data.Configurations;

/// <summary>Lengths shared by the change team's records and their validators.</summary>
public static class ChangeLimits
{
    public const int NameMaxLength = 200;
    public const int NoteMaxLength = 4000;
    public const int OwnerMaxLength = 200;
    public const int UnitMaxLength = 40;
    // The numbers are spelled out in the validators' messages (translated by their English text).
    public const int MaxTargets = 50;
    public const int MaxCycles = 50;
    public const int MaxPerSurvey = 200;
}

public sealed class FeedbackSessionConfiguration : IEntityTypeConfiguration<FeedbackSession>
{
    public void Configure(EntityTypeBuilder<FeedbackSession> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(ChangeLimits.NameMaxLength);
        builder.HasOne<Survey>().WithMany().HasForeignKey(s => s.SurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.OwnsMany(s => s.Predictions, p => p.ToJson());
    }
}

public sealed class StructuralAssessmentConfiguration : IEntityTypeConfiguration<StructuralAssessment>
{
    public void Configure(EntityTypeBuilder<StructuralAssessment> builder)
    {
        builder.Property(a => a.RoleA).HasMaxLength(SurveyRoleConfiguration.NameMaxLength);
        builder.Property(a => a.RoleB).HasMaxLength(SurveyRoleConfiguration.NameMaxLength);
        builder.HasOne<Survey>().WithMany().HasForeignKey(a => a.SurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.OwnsMany(a => a.Ratings, r => r.ToJson());
    }
}

public sealed class InterventionConfiguration : IEntityTypeConfiguration<Intervention>
{
    public void Configure(EntityTypeBuilder<Intervention> builder)
    {
        builder.Property(i => i.Name).HasMaxLength(ChangeLimits.NameMaxLength);
        builder.Property(i => i.CatalogueKey).HasMaxLength(60);
        builder.Property(i => i.Owner).HasMaxLength(ChangeLimits.OwnerMaxLength);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Version).IsRowVersion();
        builder.HasOne<Survey>().WithMany().HasForeignKey(i => i.SurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.OwnsMany(i => i.Targets, t => t.ToJson());
        builder.OwnsMany(i => i.Cycles, c => c.ToJson());
    }
}

public sealed class OutcomeMeasureConfiguration : IEntityTypeConfiguration<OutcomeMeasure>
{
    public void Configure(EntityTypeBuilder<OutcomeMeasure> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(ChangeLimits.NameMaxLength);
        builder.Property(o => o.Unit).HasMaxLength(ChangeLimits.UnitMaxLength);
        builder.Property(o => o.Note).HasMaxLength(ChangeLimits.NoteMaxLength);
        builder.Property(o => o.Heading).HasConversion<string>().HasMaxLength(30);
        builder.Property(o => o.Value).HasPrecision(18, 4);
        builder.HasOne<Survey>().WithMany().HasForeignKey(o => o.SurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(o => new { o.SurveyId, o.Name }).IsUnique();
    }
}
