using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Api;

// The API's bodies, named so that /openapi/v1.json describes each. Every field of a request is
// nullable: a missing field is reported by the validator, by name, not by the JSON reader.

/// <summary>The body of <c>POST /api/v1/surveys</c>: a draft survey with its roles.</summary>
public sealed record CreateSurveyRequest(
    string? Title,
    string? WorkProcess,
    string? Introduction,
    int? MinimumGroupSize,
    string? FrequencyVariant,
    DateOnly? OpensOn,
    DateOnly? ClosesOn,
    IReadOnlyList<CreateRoleRequest?>? Roles,
    Guid? PreviousWaveId);

/// <summary>
/// One role of a new survey; it answers and is rated unless told otherwise. <c>kind</c> is
/// <c>"staff"</c> (the default), <c>"client"</c> (answers in the client wording) or <c>"leader"</c>.
/// </summary>
public sealed record CreateRoleRequest(string? Name, bool? Answers, bool? Rated, int? ExpectedHeadcount, string? Description, bool? BoundarySpanner = null, string? Kind = null);

/// <summary>A survey just created: where to find it.</summary>
public sealed record SurveyCreated(Guid Id);

/// <summary>A survey as the list shows it.</summary>
public sealed record SurveySummary(
    Guid Id, string Title, string WorkProcess, string Status, int MinimumGroupSize, Guid? PreviousWaveId,
    DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, int Responses, string? Link);

/// <summary>
/// A survey with its roles, in their order, and its reporting groups: small answering roles whose
/// respondents the results report together, under the group's name (made on the close page).
/// </summary>
public sealed record SurveyDetail(
    Guid Id, string Title, string WorkProcess, string? Introduction, string Status, string FrequencyVariant, int MinimumGroupSize,
    Guid? PreviousWaveId, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, int Responses, string? Link, IReadOnlyList<SurveyRoleDetail> Roles,
    IReadOnlyList<ReportingGroupDetail> ReportingGroups)
{
    public static SurveyDetail From(Survey survey, int responses)
    {
        ArgumentNullException.ThrowIfNull(survey);
        return new(survey.Id, survey.Title, survey.WorkProcess, survey.Introduction, StatusName(survey.Status),
            survey.FrequencyVariant == Domain.Instrument.FrequencyVariant.Sufficiency ? "sufficiency" : "frequency", survey.MinGroupSize,
            survey.PreviousWaveId, survey.OpensAt, survey.ClosesAt, responses, LinkOf(survey),
            [.. survey.Roles.OrderBy(r => r.Position).Select(r => new SurveyRoleDetail(r.Name, r.Answers, r.IsRated, r.ExpectedHeadcount, r.Description, r.IsBoundarySpanner, r.Kind.Key()))],
            [.. survey.ReportingGroups.Select(g => new ReportingGroupDetail(g.Name,
                [.. survey.Roles.Where(r => g.Members.Any(m => m.RoleId == r.Id)).OrderBy(r => r.Position).Select(r => r.Name)]))]);
    }

    internal static string StatusName(SurveyStatus status) => status.ToString().ToLowerInvariant();

    internal static string? LinkOf(Survey survey) => survey.PublicKey is null ? null : "/s/" + survey.PublicKey;
}

/// <summary>A reporting group: its name, as results name it, and the answering roles it reports together.</summary>
public sealed record ReportingGroupDetail(string Name, IReadOnlyList<string> Roles);

/// <summary>One role of a survey; <c>kind</c> is <c>"staff"</c>, <c>"client"</c> or <c>"leader"</c>.</summary>
public sealed record SurveyRoleDetail(string Name, bool Answers, bool Rated, int? ExpectedHeadcount, string? Description, bool BoundarySpanner, string Kind);

/// <summary>A survey's new status, and its public link once it has one.</summary>
public sealed record StatusChanged(string Status, string? Link);

/// <summary>An import that stored everything: how many observations (role-to-role answers) and respondents.</summary>
public sealed record ImportSucceeded(int Imported, int Respondents);

/// <summary>One problem of a refused import: its line of the file, its field, what is wrong.</summary>
public sealed record ImportProblem(int Line, string? Field, string Message);

/// <summary>A survey deleted, with how many responses went with it.</summary>
public sealed record SurveyDeleted(int Responses);

/// <summary>A response stored (or, for a repeated Idempotency-Key, stored before).</summary>
public sealed record ResponseStored(bool Stored);

/// <summary>The instrument's names for the frequency wording, as the API spells them.</summary>
internal static class FrequencyVariants
{
    public static FrequencyVariant? Parse(string? text) => text?.ToLowerInvariant() switch
    {
        null or "frequency" => FrequencyVariant.Frequency,
        "sufficiency" => FrequencyVariant.Sufficiency,
        _ => null,
    };
}
