using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>
/// Where to start — the Relational Model of Change made concrete: the weakest ties, the most
/// asymmetric pairs, the weakest dimension and the roles that bridge weak pairs, each with the
/// interventions that fit it.
/// </summary>
public sealed class StartModel(AppDbContext db, CurrentOrganisation org, SurveyResults results) : PageModel
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

    public static readonly string[] StructuralInterventions =
    [
        "a boundary-spanner role that connects the two",
        "shared huddles or meetings",
        "shared protocols",
        "shared information systems",
        "shared accountability and rewards",
    ];

    public CurrentOrganisation Org => org;

    public Survey Survey { get; private set; } = null!;

    public StartingPoints Points { get; private set; } = null!;

    public IReadOnlyDictionary<string, Guid> RoleIds { get; private set; } = new Dictionary<string, Guid>();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await db.FindAsync(org.Id, id) is not { } survey)
        {
            return NotFound();
        }

        Survey = survey;
        RoleIds = survey.Roles.ToDictionary(r => r.Name, r => r.Id);
        if (await results.ForAsync(survey) is not { } result)
        {
            return Redirect($"/orgs/{org.Id}/surveys/{id}/results");   // it says why there are no results yet
        }

        Points = WhereToStart.Analyse(result);
        return Page();
    }

    public string ConversationUrl(string a, string b) =>
        $"/orgs/{org.Id}/surveys/{Survey.Id}/results/conversation?a={RoleIds[a]}&b={RoleIds[b]}";
}
