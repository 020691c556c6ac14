using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace RelationalCoordination.Web.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<Survey> Surveys => Set<Survey>();

    public DbSet<SurveyRole> SurveyRoles => Set<SurveyRole>();

    public DbSet<Response> Responses => Set<Response>();

    public DbSet<ResponseDraft> ResponseDrafts => Set<ResponseDraft>();

    public DbSet<InvitationCode> InvitationCodes => Set<InvitationCode>();

    public DbSet<ResultsSnapshot> ResultsSnapshots => Set<ResultsSnapshot>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<ResultsLink> ResultsLinks => Set<ResultsLink>();

    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<FeedbackSession> FeedbackSessions => Set<FeedbackSession>();

    public DbSet<StructuralAssessment> StructuralAssessments => Set<StructuralAssessment>();

    public DbSet<Intervention> Interventions => Set<Intervention>();

    public DbSet<OutcomeMeasure> OutcomeMeasures => Set<OutcomeMeasure>();

    /// <summary>Data-protection keys live in the database, so every app instance can read every cookie.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Without EF Core's savepoint around each save inside an explicit transaction: the app never
    /// goes on with a transaction after a failed save, so the savepoint was two round trips to
    /// PostgreSQL for nothing on every submit. (A pooled context is reset to the default, hence here.)
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Database.AutoSavepointsEnabled = false;
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
