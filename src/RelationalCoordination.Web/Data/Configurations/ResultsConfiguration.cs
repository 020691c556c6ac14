using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RelationalCoordination.Web.Data.Configurations;

public sealed class ResultsSnapshotConfiguration : IEntityTypeConfiguration<ResultsSnapshot>
{
    public void Configure(EntityTypeBuilder<ResultsSnapshot> builder)
    {
        builder.HasKey(r => r.SurveyId);
        builder.Property(r => r.Result).HasColumnType("jsonb");
        builder.HasOne<Survey>().WithOne().HasForeignKey<ResultsSnapshot>(r => r.SurveyId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ResultsLinkConfiguration : IEntityTypeConfiguration<ResultsLink>
{
    public void Configure(EntityTypeBuilder<ResultsLink> builder)
    {
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => l.SurveyId);
        builder.HasOne<Survey>().WithMany().HasForeignKey(l => l.SurveyId).OnDelete(DeleteBehavior.Cascade);
    }
}
