using FluentValidation;

using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Change;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Sessions;

/// <summary>
/// One step of a feedback session, full screen for the room; on the second step the room's
/// predictions are recorded (a facilitator's form, which works without scripts).
/// </summary>
public sealed class StepModel(CurrentOrganisation org, FeedbackSessions sessions, IStringLocalizer<SharedResource> texts) : SurveyPageModel
{
    [BindProperty]
    public PredictionsInput Input { get; set; } = new();

    public SessionStep Step { get; private set; } = null!;

    public SessionView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid sessionId, int n, bool saved)
    {
        if (SessionStep.Find(n) is not { } step || await sessions.FindAsync(Survey.Id, sessionId) is not { } session)
        {
            return NotFound();
        }

        var map = RelationalMap.Of(Survey);
        Input = PredictionsInput.From(session, map);
        return await ShowAsync(step, session, map, saved);
    }

    [RequiresRole(OrgRole.Facilitator)]
    public async Task<IActionResult> OnPostAsync(Guid sessionId, int n, string? go)
    {
        if (n != 2 || await sessions.FindAsync(Survey.Id, sessionId) is not { } session)
        {
            return NotFound();
        }

        var map = RelationalMap.Of(Survey);
        if (RelationalMap.TooLarge(Survey))
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync(SessionStep.All[1], session, map, saved: false);
        }

        var validation = await new PredictionsInput.Validator(map).ValidateAsync(Input);
        if (!ModelState.IsValid || !validation.IsValid)
        {
            validation.AddTo(ModelState, nameof(Input), texts);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(SessionStep.All[1], session, map, saved: false);
        }

        var saved = await sessions.SavePredictionsAsync(org.Id, Survey.Id, sessionId, Input.ToPredictions(map));
        if (!saved.IsDone)
        {
            return NotFound();
        }

        return go == "next"
            ? RedirectToPage("/Orgs/Surveys/Sessions/Step", new { orgId = org.Id, id = Survey.Id, sessionId, n = 3 })
            : RedirectToPage("/Orgs/Surveys/Sessions/Step", new { orgId = org.Id, id = Survey.Id, sessionId, n = 2, saved = true });
    }

    private async Task<IActionResult> ShowAsync(SessionStep step, FeedbackSession session, IReadOnlyList<MapTie> map, bool saved)
    {
        SessionSteps? steps = null;
        if (step.NeedsResults && (steps = await sessions.StepsAsync(Survey, session, withComparison: step.Partial == "_Strengths")) is null)
        {
            return RedirectToPage("/Orgs/Surveys/Results/Index", new { orgId = org.Id, id = Survey.Id });   // it says why there are no results yet
        }

        Step = step;
        View = new SessionView
        {
            Survey = Survey,
            Session = session,
            Map = map,
            Steps = steps,
            Bands = Input.Bands,
            CanEdit = org.IsAtLeast(OrgRole.Facilitator),
            Saved = saved,
        };
        return Page();
    }

    /// <summary>The form's name for a tie of the map: its two role ids.</summary>
    public static string Key(MapTie tie)
    {
        ArgumentNullException.ThrowIfNull(tie);
        return Key(tie.From.Id, tie.To.Id);
    }

    private static string Key(Guid from, Guid to) => $"{from:N}_{to:N}";

    /// <summary>
    /// The blank map as a form: one field per tie (<c>Input.Bands[from_to]</c>), weak, moderate or
    /// strong, empty for "don't know". One field rather than three per tie keeps a map of 40 roles
    /// under the request's limit on form fields.
    /// </summary>
    public sealed class PredictionsInput
    {
        public Dictionary<string, string?> Bands { get; set; } = [];

        public static PredictionsInput From(FeedbackSession session, IReadOnlyList<MapTie> map)
        {
            ArgumentNullException.ThrowIfNull(session);
            ArgumentNullException.ThrowIfNull(map);
            var predicted = session.Predictions.GroupBy(p => (p.FromRole, p.ToRole)).ToDictionary(g => g.Key, g => g.First().Band);
            return new PredictionsInput
            {
                Bands = map.Where(t => predicted.ContainsKey((t.From.Name, t.To.Name)))
                    .ToDictionary(Key, t => (string?)predicted[(t.From.Name, t.To.Name)].Key(), StringComparer.Ordinal),
            };
        }

        /// <summary>The predictions given, by role names (blank fields are "don't know" and give none).</summary>
        public List<TiePrediction> ToPredictions(IReadOnlyList<MapTie> map)
        {
            ArgumentNullException.ThrowIfNull(map);
            var ties = map.ToDictionary(Key, StringComparer.Ordinal);
            return [.. Bands.Select(b => (Tie: Parse(b.Key) is { } key ? ties.GetValueOrDefault(key) : null, Band: BandOf(b.Value)))
                .Where(b => b.Tie is not null && b.Band is not null)
                .Select(b => new TiePrediction { FromRole = b.Tie!.From.Name, ToRole = b.Tie.To.Name, Band = b.Band!.Value })];
        }

        /// <summary>A band as the form gives it; null for blank ("don't know") and for anything else.</summary>
        public static TieBand? BandOf(string? value) => value?.Trim() switch
        {
            "weak" => TieBand.Weak,
            "moderate" => TieBand.Moderate,
            "strong" => TieBand.Strong,
            _ => null,
        };

        /// <summary>A field's key written the way the map writes it, or null when it does not name two ids.</summary>
        private static string? Parse(string key) =>
            key.Split('_') is [var from, var to] && Guid.TryParse(from, out var f) && Guid.TryParse(to, out var t) ? Key(f, t) : null;

        public sealed class Validator : AbstractValidator<PredictionsInput>
        {
            public Validator(IReadOnlyList<MapTie> map)
            {
                ArgumentNullException.ThrowIfNull(map);
                var ties = map.ToDictionary(Key, StringComparer.Ordinal);
                var rating = map.Select(t => t.From.Id).ToHashSet();
                var rated = map.Select(t => t.To.Id).ToHashSet();
                RuleFor(i => i.Bands).Must(b => b.Count <= ties.Count).WithMessage($"At most {ties.Count} predictions: one for each tie of the map.");
                RuleFor(i => i.Bands).Custom((bands, context) =>
                {
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var (field, value) in bands)
                    {
                        var name = $"{nameof(Bands)}[{field}]";
                        var ids = field.Split('_');
                        if (ids.Length != 2 || !Guid.TryParse(ids[0], out var from) || !rating.Contains(from))
                        {
                            context.AddFailure(name, "A prediction names a rating role that is not one of this survey's roles.");
                        }
                        else if (!Guid.TryParse(ids[1], out var to) || !rated.Contains(to))
                        {
                            context.AddFailure(name, "A prediction names a rated role that is not one of this survey's roles.");
                        }
                        else if (!ties.TryGetValue(Key(from, to), out var tie))
                        {
                            context.AddFailure(name, "A role predicts only its ties with the other roles it rates.");
                        }
                        else if (!seen.Add(Key(from, to)))
                        {
                            context.AddFailure(name, $"{tie.From.Name} → {tie.To.Name} is predicted twice.");
                        }
                        else if (!string.IsNullOrWhiteSpace(value) && BandOf(value) is null)
                        {
                            context.AddFailure(name, $"{tie.From.Name} → {tie.To.Name}: choose weak, moderate or strong, or leave it blank for “don't know”.");
                        }
                    }
                });
            }
        }
    }
}
