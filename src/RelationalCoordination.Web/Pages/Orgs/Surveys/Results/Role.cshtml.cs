using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>
/// One role: how it experiences the others, how the others experience it, within the role, by
/// dimension, and its place in the network — from reportable ties only.
/// </summary>
public sealed class RoleModel(CurrentOrganisation org, SurveyResults results) : SurveyPageModel
{
    public CurrentOrganisation Org => org;

    public SurveyRole Role { get; private set; } = null!;

    public RoleResult? Figures { get; private set; }

    /// <summary>This role's ties to the other roles (it rates them), in survey order.</summary>
    public IReadOnlyList<(SurveyRole Other, TieResult? Tie)> Given { get; private set; } = [];

    /// <summary>The other roles' ties to this role (they rate it), in survey order.</summary>
    public IReadOnlyList<(SurveyRole Other, TieResult? Tie)> Received { get; private set; } = [];

    public TieResult? Within { get; private set; }

    /// <summary>The reporting group this role's respondents are reported with, if any: the role itself then answers nothing on its own.</summary>
    public ReportingGroup? ReportedWith { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid roleId)
    {
        var survey = Survey;
        var roles = survey.ReportedRoles;   // worked out at each use: once here
        if (roles.SingleOrDefault(r => r.Id == roleId) is not { } role)
        {
            return NotFound();
        }

        Role = role;
        ReportedWith = survey.ReportingGroups.FirstOrDefault(g => g.Members.Any(m => m.RoleId == role.Id));
        if (await results.ForAsync(survey) is not { } result)
        {
            return RedirectToPage("/Orgs/Surveys/Results/Index", new { orgId = org.Id, id = Survey.Id });   // it says why there are no results yet
        }

        var ties = result.Ties.ToDictionary(t => (t.FromRole, t.ToRole));
        Figures = result.Roles.SingleOrDefault(r => r.Role == role.Name);
        var others = roles.Where(r => r.Id != role.Id).ToList();
        Given = [.. others.Where(o => o.IsRated && role.Answers).Select(o => (o, ties.GetValueOrDefault((role.Name, o.Name))))];
        Received = [.. others.Where(o => o.Answers && role.IsRated).Select(o => (o, ties.GetValueOrDefault((o.Name, role.Name))))];
        Within = ties.GetValueOrDefault((role.Name, role.Name));
        return Page();
    }

    /// <summary>A dimension's mean over the reportable ties of a list — null when none is reportable.</summary>
    public static double? MeanOf(IEnumerable<(SurveyRole Other, TieResult? Tie)> ties, Dimension dimension)
    {
        var values = ties.Select(t => t.Tie).Where(t => t is { Suppressed: false }).Select(t => t!.Mean(dimension)).OfType<double>().ToList();
        return values.Count == 0 ? null : values.Average();
    }
}
