using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RelationalCoordination.Web.Data.Configurations;

public sealed class ResponseDraftConfiguration : IEntityTypeConfiguration<ResponseDraft>
{
    public void Configure(EntityTypeBuilder<ResponseDraft> builder)
    {
        builder.Property(d => d.ResumeCodeHash).HasMaxLength(64);
        builder.HasIndex(d => new { d.SurveyId, d.ResumeCodeHash }).IsUnique();
        builder.Property(d => d.Answers).HasColumnType("jsonb");
        builder.HasIndex(d => d.InvitationCodeId).IsUnique();
        // Submitted answers waiting for their batch: every submit counts them.
        builder.HasIndex(d => d.SurveyId, "IX_ResponseDrafts_Waiting").HasFilter("\"Submitted\" AND \"Answers\" <> '{}'::jsonb");
        builder.HasOne<Survey>().WithMany().HasForeignKey(d => d.SurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SurveyRole>().WithMany().HasForeignKey(d => d.RoleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<InvitationCode>().WithMany().HasForeignKey(d => d.InvitationCodeId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class InvitationCodeConfiguration : IEntityTypeConfiguration<InvitationCode>
{
    public void Configure(EntityTypeBuilder<InvitationCode> builder)
    {
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.HasIndex(c => c.CodeHash).IsUnique();
        builder.HasIndex(c => new { c.SurveyId, c.RoleId });
        builder.HasOne<Survey>().WithMany().HasForeignKey(c => c.SurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SurveyRole>().WithMany().HasForeignKey(c => c.RoleId).OnDelete(DeleteBehavior.Cascade);
    }
}
