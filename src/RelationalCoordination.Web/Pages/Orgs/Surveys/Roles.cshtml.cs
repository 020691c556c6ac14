using FluentValidation;

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Data.Configurations;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

/// <summary>
/// Add, rename, reorder and remove the roles of a draft survey, all in one form: the roles and one
/// empty row; "Add a role" gives one more and "Remove" takes one away (roles.js at once, without
/// scripts a post that saves nothing); saving stores the rows the form lists and comes back here saying so.
/// </summary>
[RequiresRole(OrgRole.Facilitator)]
public sealed class RolesModel(AppDbContext db, CurrentOrganisation org, IValidator<List<RolesModel.RoleRow>> validator, TimeProvider clock, AuditLog audit, SurveyLimits limits, IStringLocalizer<SharedResource> texts) : SurveyPageModel
{
    [BindProperty]
    public List<RoleRow> Roles { get; set; } = [];

    public int MaxRoles => limits.MaxRoles;

    /// <summary>
    /// The survey's version the form was made from. A form shown again (a row added, a refusal)
    /// keeps the one posted, not the survey's current one: a colleague's change made meanwhile must
    /// still stop this form from overwriting it.
    /// </summary>
    public uint Version { get; private set; }

    /// <summary>Back after saving: the page says the roles were saved.</summary>
    public bool Saved { get; private set; }

    public Task OnGetAsync(bool? saved)
    {
        Saved = saved == true;
        Version = Survey.Version;
        Roles = [.. Survey.Roles.Select((r, i) => new RoleRow
        {
            Id = r.Id, Name = r.Name, Description = r.Description, ExpectedHeadcount = r.ExpectedHeadcount,
            Answers = r.Answers, IsRated = r.IsRated, IsBoundarySpanner = r.IsBoundarySpanner, Kind = r.Kind.ToString(), Position = i + 1,
        })];
        AddBlankRow();
        return Task.CompletedTask;
    }

    /// <summary>
    /// "Add a role" without scripts: the form again, as typed, with one more empty row. Nothing is
    /// checked or saved until "Save roles".
    /// </summary>
    public IActionResult OnPostAddRow(uint version)
    {
        Version = version;
        ModelState.Clear();
        AddBlankRow();
        return Page();
    }

    /// <summary>
    /// "Remove" without scripts: the form again, as typed, without that row. The role goes only when
    /// the form is saved, as every role that the saved form no longer lists.
    /// </summary>
    public IActionResult OnPostRemoveRow(uint version, int row)
    {
        Version = version;
        ModelState.Clear();
        if (row >= 0 && row < Roles.Count)
        {
            Roles.RemoveAt(row);
        }

        if (Roles.Count == 0 || !Roles[^1].IsBlank)
        {
            AddBlankRow();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, uint version)
    {
        Version = version;
        // Tracked, for the roles to be changed in place: the survey read for the page is not.
        if (await db.FindAsync(org.Id, id, tracking: true) is not { } tracked)
        {
            return NotFound();
        }

        Survey = tracked;

        if (Survey.IsLocked)
        {
            ModelState.AddModelError(nameof(Roles), texts.Translate("The survey is open or closed: its roles can no longer change."));
            return Fail(StatusCodes.Status409Conflict);
        }

        // Rows left entirely empty are the spare rows of the form.
        var rows = Roles.Where(r => !r.IsBlank).ToList();
        var known = Survey.Roles.ToDictionary(r => r.Id);
        if (rows.Any(r => r.Id is { } rowId && !known.ContainsKey(rowId)))
        {
            return NotFound();
        }

        var validation = await validator.ValidateAsync(Roles);
        if (!ModelState.IsValid || !validation.IsValid)
        {
            validation.AddTo(ModelState, nameof(Roles), texts);
            return Fail(StatusCodes.Status400BadRequest);
        }

        var kept = rows
            .Select((r, index) => (Row: r, Index: index))
            .OrderBy(x => x.Row.Position ?? int.MaxValue).ThenBy(x => x.Index)
            .Select(x => x.Row)
            .ToList();
        var keptIds = kept.Where(r => r.Id is not null).Select(r => r.Id!.Value).ToHashSet();
        db.SurveyRoles.RemoveRange(Survey.Roles.Where(r => !keptIds.Contains(r.Id)));
        for (var position = 0; position < kept.Count; position++)
        {
            var row = kept[position];
            var role = row.Id is { } existing ? known[existing] : new SurveyRole { Id = Guid.NewGuid(), SurveyId = Survey.Id, Name = "" };
            role.Name = row.Name!.Trim();
            role.Description = string.IsNullOrWhiteSpace(row.Description) ? null : row.Description.Trim();
            role.ExpectedHeadcount = row.ExpectedHeadcount;
            role.Answers = row.Answers;
            role.IsRated = row.IsRated;
            role.IsBoundarySpanner = row.IsBoundarySpanner;
            role.Kind = row.ParsedKind ?? RoleKind.Staff;
            role.Position = position;
            if (row.Id is null)
            {
                db.SurveyRoles.Add(role);
            }
        }

        // Touching the survey makes its version the guard against two people editing roles at once.
        db.Entry(Survey).Property(s => s.Version).OriginalValue = version;
        Survey.UpdatedAt = clock.GetUtcNow();
        audit.Add(org.Id, AuditActions.SurveyChanged, $"{AuditLog.Survey(Survey)}: roles");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(nameof(Roles), texts.Translate("Someone else changed this survey while you were editing. Reload the page to see their changes."));
            return Fail(StatusCodes.Status409Conflict);
        }

        // Post/Redirect/Get back to the form: a refresh does not post it again.
        return RedirectToPage("/Orgs/Surveys/Roles", new { orgId = org.Id, id, saved = "true" });   // a string: a bool would be written True
    }

    private PageResult Fail(int status)
    {
        Response.StatusCode = status;
        // The posted spare rows come back as one spare: drop the trailing blank ones, whose indexes no message uses.
        while (Roles.Count > 0 && Roles[^1].IsBlank)
        {
            Roles.RemoveAt(Roles.Count - 1);
        }

        AddBlankRow();
        return Page();
    }

    /// <summary>An empty row to add a role in, after the others; none once the roles are locked.</summary>
    private void AddBlankRow()
    {
        if (!Survey.IsLocked)
        {
            Roles.Add(new RoleRow { Position = Roles.Count + 1, Answers = true, IsRated = true });
        }
    }

    public sealed class RoleRow
    {
        public Guid? Id { get; set; }

        public string? Name { get; set; }

        public string? Description { get; set; }

        public int? ExpectedHeadcount { get; set; }

        public bool Answers { get; set; }

        public bool IsRated { get; set; }

        /// <summary>The role is designated to span the boundaries between the others.</summary>
        public bool IsBoundarySpanner { get; set; }

        /// <summary>
        /// <c>Staff</c>, <c>Client</c> or <c>Leader</c>; a form without the field means staff. A
        /// string, not the enum: the binder would refuse anything else with a message that names
        /// neither the field nor what it may be.
        /// </summary>
        public string? Kind { get; set; }

        /// <summary>The kind posted, or null when it is missing or not one of the three.</summary>
        public RoleKind? ParsedKind => RoleKinds.All.Cast<RoleKind?>().FirstOrDefault(k => string.Equals(k.ToString(), Kind, StringComparison.Ordinal));

        public int? Position { get; set; }

        /// <summary>A new row with no name and no description: a spare row left empty.</summary>
        public bool IsBlank => Id is null && string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Description) && ExpectedHeadcount is null;
    }

    public sealed class RolesValidator : AbstractValidator<List<RoleRow>>
    {
        public RolesValidator(SurveyLimits limits)
        {
            ArgumentNullException.ThrowIfNull(limits);
            RuleForEach(rows => rows).SetValidator(new RowValidator()).OverridePropertyName("Roles");
            RuleFor(rows => rows).Custom((rows, context) =>
            {
                var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < rows.Count; i++)
                {
                    var row = rows[i];
                    if (row.IsBlank || string.IsNullOrWhiteSpace(row.Name))
                    {
                        continue;
                    }

                    var name = row.Name.Trim();
                    if (!seen.TryAdd(name, i))
                    {
                        context.AddFailure($"Roles[{i}].Name", $"Another role (row {seen[name] + 1}) is already called “{name}”.");
                    }
                }

                if (limits.TooMany(seen.Count) is { } tooMany)
                {
                    context.AddFailure("Roles", tooMany);
                }
            });
        }
    }

    private sealed class RowValidator : AbstractValidator<RoleRow>
    {
        public RowValidator()
        {
            RuleFor(r => r.Name).Must(n => !string.IsNullOrWhiteSpace(n)).When(r => !r.IsBlank)
                .WithMessage("Give the role a name.");
            RuleFor(r => r.Name).MaximumLength(SurveyRoleConfiguration.NameMaxLength)
                .WithMessage($"A role name can have at most {SurveyRoleConfiguration.NameMaxLength} characters.");
            RuleFor(r => r.Description).MaximumLength(SurveyRoleConfiguration.DescriptionMaxLength)
                .WithMessage($"A description can have at most {SurveyRoleConfiguration.DescriptionMaxLength} characters.");
            RuleFor(r => r.ExpectedHeadcount).InclusiveBetween(0, 1_000_000)
                .WithMessage("The expected headcount is a number from 0 to 1,000,000, or empty.");
            RuleFor(r => r.IsRated).Must((r, rated) => rated || r.Answers).When(r => !r.IsBlank)
                .WithMessage("A role must answer, be rated, or both.");
            RuleFor(r => r.Kind).Must((r, kind) => kind is null || r.ParsedKind is not null)
                .WithMessage("Choose the role's kind: staff, client or leader.");
        }
    }
}
