using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

using RelationalCoordination.Domain.Change;
using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>
/// Where to start — the Relational Model of Change made concrete: the weakest ties, the most
/// asymmetric pairs, the weakest dimension and the roles that bridge weak pairs, each with the
/// interventions that fit it.
/// </summary>
public sealed class StartModel(CurrentOrganisation org, SurveyResults results) : SurveyPageModel
{
    /// <summary>The five questions of a conversation of interdependence between two roles.</summary>
    public static readonly string[] ConversationQuestions =
    [
        "What are your primary responsibilities?",
        "What do you find most meaningful about your work?",
        "What is it about how I do my work that helps you do yours?",
        "What could I do differently that would help you even more?",
        "When does our work seem well aligned, and when at cross-purposes?",
    ];

    public static readonly string[] WorkProcessSteps =
    [
        "Assess the current state: map how the work passes between the two roles today.",
        "Identify the desired state: agree what good coordination would look like.",
        "Experiment to close the gap: try a small change, measure, adjust.",
    ];

    public CurrentOrganisation Org => org;

    public StartingPoints Points { get; private set; } = null!;

    /// <summary>The roles the survey designates as boundary spanners, each as the others experience it.</summary>
    public IReadOnlyList<SpannerCheck> Spanners { get; private set; } = [];

    /// <summary>What the pattern of the results suggests, safety first (<see cref="ChangePatterns"/>).</summary>
    public IReadOnlyList<Suggestion> Suggestions { get; private set; } = [];

    public IReadOnlyDictionary<string, Guid> RoleIds { get; private set; } = new Dictionary<string, Guid>();

    /// <summary>Leaders as the frontline experiences them, ties among leaders, staff as clients experience them: reportable ties only.</summary>
    public KindViews Kinds { get; private set; } = null!;

    /// <summary>The survey has leader roles: the leader views are shown.</summary>
    public bool HasLeaders { get; private set; }

    /// <summary>A client role answers: how clients experience each role is shown.</summary>
    public bool ClientsAnswer { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var roles = Survey.ReportedRoles;   // worked out at each use: once here
        RoleIds = roles.ToDictionary(r => r.Name, r => r.Id);
        if (await results.ForAsync(Survey) is not { } result)
        {
            return RedirectToPage("/Orgs/Surveys/Results/Index", new { orgId = org.Id, id = Survey.Id });   // it says why there are no results yet
        }

        Points = WhereToStart.Analyse(result);
        Spanners = WhereToStart.CheckSpanners(result, roles.Where(r => r.IsBoundarySpanner).Select(r => r.Name));
        Suggestions = ChangePatterns.Suggest(result, roles.Where(r => r.IsBoundarySpanner).Select(r => r.Name));
        Kinds = RoleKindViews.Analyse(result, [.. roles.Select(r => KeyValuePair.Create(r.Name, r.Kind))]);
        HasLeaders = roles.Any(r => r.Kind == RoleKind.Leader);
        ClientsAnswer = roles.Any(r => r.Kind == RoleKind.Client && r.Answers);
        return Page();
    }

    /// <summary>"Plan this": the intervention page prefilled with the item, the tie and the dimension; facilitators only.</summary>
    public string? PlanUrl(Suggestion suggestion, CatalogueItem item) => !org.IsAtLeast(OrgRole.Facilitator) ? null
        : Url.Page("/Orgs/Surveys/Change/Intervention", new
        {
            orgId = org.Id,
            id = Survey.Id,
            item = item.Key,
            from = suggestion.ToRole is null ? null : suggestion.FromRole,
            to = suggestion.ToRole,
            dimension = suggestion.Dimension,
        });

    public string? ConversationUrl(string a, string b) =>
        Url.Page("/Orgs/Surveys/Results/Conversation", new { orgId = org.Id, id = Survey.Id, a = RoleIds[a], b = RoleIds[b] });
}
