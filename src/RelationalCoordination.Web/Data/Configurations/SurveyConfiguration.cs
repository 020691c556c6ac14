using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using RelationalCoordination.Domain.Instrument;

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
        builder.OwnsMany(s => s.Translations, t =>
        {
            t.ToJson();
            t.OwnsMany(x => x.Roles);
        });
        builder.OwnsMany(s => s.ReportingGroups, g =>
        {
            g.ToJson();
            g.OwnsMany(x => x.Members);
        });
        builder.OwnsMany(s => s.ItemWordings, w => w.ToJson());
        builder.Ignore(s => s.ReportedRoles);
    }
}

public sealed class SurveyRoleConfiguration : IEntityTypeConfiguration<SurveyRole>
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 1000;
    public const string KindCheck = "CK_SurveyRoles_Kind";

    public void Configure(EntityTypeBuilder<SurveyRole> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(NameMaxLength);
        builder.Property(r => r.Description).HasMaxLength(DescriptionMaxLength);
        // Stored by name, as a survey's status is; the check keeps anything else out of the column.
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.ToTable(t => t.HasCheckConstraint(KindCheck, $"\"Kind\" IN ({string.Join(", ", Enum.GetNames<RoleKind>().Select(n => $"'{n}'"))})"));
        // Names are unique per survey by validation, not by index: swapping two names in one save
        // would trip a unique index between the two UPDATE statements.
        builder.HasIndex(r => r.SurveyId);
    }
}
