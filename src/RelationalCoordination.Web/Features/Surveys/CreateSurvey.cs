using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Features.Surveys;

/// <summary>One role of a new survey, as the API gives it (the pages add roles on the roles page).</summary>
public sealed record NewRole(string Name, string? Description, bool Answers, bool IsRated, int? ExpectedHeadcount, bool IsBoundarySpanner = false, RoleKind Kind = RoleKind.Staff);

/// <summary>
/// Creates a draft survey (the Create page, the API's POST): from validated settings, with the
/// roles given, or — as the next wave of an earlier survey — with that survey's roles.
/// </summary>
public sealed class CreateSurvey(AppDbContext db, TimeProvider clock, AuditLog audit)
{
    public async Task<Outcome<Survey>> RunAsync(Guid organisationId, SurveySettings settings, IReadOnlyList<NewRole>? roles = null, Guid? waveOf = null, Guid? previousWaveId = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var now = clock.GetUtcNow();
        Survey? earlier = null;
        if (waveOf is { } wave && (earlier = await db.FindAsync(organisationId, wave)) is null)
        {
            return Refusal.NotFound();
        }

        if (previousWaveId is { } previous && !await db.Surveys.AnyAsync(s => s.Id == previous && s.OrganisationId == organisationId))
        {
            return Refusal.Invalid("previousWaveId", "Not a survey of this organisation.");
        }

        var survey = earlier is null
            ? new Survey { Id = Guid.NewGuid(), OrganisationId = organisationId, Title = "", WorkProcess = "", PreviousWaveId = previousWaveId, CreatedAt = now, UpdatedAt = now }
            : SurveyQueries.CopyOf(earlier, "", earlier.Id, now);
        if (roles is not null)
        {
            survey.Roles = [.. roles.Select((r, i) => new SurveyRole
            {
                Id = Guid.NewGuid(),
                SurveyId = survey.Id,
                Name = r.Name.Trim(),
                Description = string.IsNullOrWhiteSpace(r.Description) ? null : r.Description.Trim(),
                Answers = r.Answers,
                IsRated = r.IsRated,
                IsBoundarySpanner = r.IsBoundarySpanner,
                Kind = r.Kind,
                ExpectedHeadcount = r.ExpectedHeadcount,
                Position = i,
            })];
        }

        settings.ApplyTo(survey, now);
        db.Surveys.Add(survey);
        audit.Add(organisationId, AuditActions.SurveyCreated,
            earlier is null ? AuditLog.Survey(survey) : $"{AuditLog.Survey(survey)}, a new wave of {AuditLog.Survey(earlier)}");
        await db.SaveChangesAsync();
        return survey;
    }
}
