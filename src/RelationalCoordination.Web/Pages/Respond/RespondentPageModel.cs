using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responding;

namespace RelationalCoordination.Web.Pages.Respond;

/// <summary>
/// What every respondent page needs: the survey from its public key, the respondent's language,
/// and their draft. A survey that is unknown, not open or closed is explained by the welcome
/// page, so the other pages send the respondent there.
/// </summary>
public abstract class RespondentPageModel(PublishedSurveys surveys, DraftStore drafts) : PageModel
{
    protected PublishedSurveys Surveys => surveys;

    protected DraftStore Drafts => drafts;

    public Survey Survey { get; private set; } = null!;

    public Availability Availability { get; private set; }

    public RespondentTexts Texts { get; protected set; } = RespondentTexts.English;

    public ResponseDraft? Draft { get; private set; }

    /// <summary>The resume code this browser holds, shown on every step.</summary>
    public string? ResumeCode { get; private set; }

    public string WelcomeUrl => $"/s/{Survey.PublicKey}";

    public IEnumerable<SurveyRole> RatedRoles => Survey.Roles.Where(r => r.IsRated);

    /// <summary>This browser submitted a response to the survey.</summary>
    public bool HasSubmitted => Draft is { Submitted: true } || RespondentCookie.HasSubmitted(HttpContext, Survey);

    public SurveyRole? DraftRole => Draft is null ? null : Survey.Roles.SingleOrDefault(r => r.Id == Draft.RoleId);

    /// <summary>Who the items are worded for: a respondent in a client role reads the client wording.</summary>
    public ItemAudience Audience => DraftRole?.Kind.Audience() ?? ItemAudience.Staff;

    /// <summary>
    /// The seven items as this respondent reads them: in their language, for their role's kind, in
    /// the wording the survey opened with (the organisation's own, or the app's).
    /// </summary>
    public System.Collections.Immutable.ImmutableArray<SurveyItem> ItemsToRead =>
        Features.Organisations.ItemWordings.Items(Survey.ItemWordings, Survey.FrequencyVariant, Texts.Language, Audience);

    /// <summary>Loads survey and draft; a result to return instead of the page when the survey cannot be answered here.</summary>
    protected async Task<IActionResult?> LoadAsync(string key, bool needsDraft = true)
    {
        Texts = RespondentTexts.For(HttpContext);
        var survey = await surveys.FindSurveyAsync(key);
        Availability = surveys.AvailabilityOf(survey);
        if (survey is null)
        {
            return Redirect($"/s/{Uri.EscapeDataString(key)}");
        }

        Survey = survey.In(Texts.Code);
        if (Availability != Availability.Open)
        {
            return Redirect(WelcomeUrl);
        }

        ResumeCode = RespondentCookie.ResumeCodeIn(HttpContext, survey);
        Draft = await drafts.DraftAsync(survey, ResumeCode);
        if (Draft is null && needsDraft)
        {
            return Redirect(RespondentCookie.HasSubmitted(HttpContext, survey) ? $"{WelcomeUrl}/thanks" : WelcomeUrl);
        }

        return Draft is { Submitted: true } && needsDraft ? Redirect($"{WelcomeUrl}/thanks") : null;
    }

    /// <summary>
    /// For a write made without reading the draft first: loads the survey and the resume code
    /// only. A result to return instead when there is nothing to write to.
    /// </summary>
    protected async Task<IActionResult?> LoadForWriteAsync(string key)
    {
        Texts = RespondentTexts.For(HttpContext);
        var survey = await surveys.FindSurveyAsync(key);
        Availability = surveys.AvailabilityOf(survey);
        if (survey is null || Availability != Availability.Open)
        {
            return await LoadAsync(key);
        }

        Survey = survey.In(Texts.Code);
        ResumeCode = RespondentCookie.ResumeCodeIn(HttpContext, survey);
        return ResumeCode is null ? Redirect(RespondentCookie.HasSubmitted(HttpContext, survey) ? $"{WelcomeUrl}/thanks" : WelcomeUrl) : null;
    }

    /// <summary>
    /// After a write that changed nothing: loads survey and draft as they are now (not from
    /// memory) — a result to return when they explain it (the survey closed, the draft was
    /// submitted or is gone).
    /// </summary>
    protected async Task<IActionResult?> ReloadAsync(string key, bool needsDraft = true)
    {
        await surveys.FindSurveyAgainAsync(key);
        return await LoadAsync(key, needsDraft);
    }

    /// <summary>Loads only the survey and language, whatever the survey's state (the welcome page explains it).</summary>
    protected async Task LoadSurveyAsync(string key)
    {
        Texts = RespondentTexts.For(HttpContext);
        var survey = await surveys.FindSurveyAsync(key);
        Availability = surveys.AvailabilityOf(survey);
        if (survey is not null)
        {
            Survey = survey.In(Texts.Code);
            ResumeCode = RespondentCookie.ResumeCodeIn(HttpContext, survey);
            Draft = Availability == Availability.Open ? await drafts.DraftAsync(survey, ResumeCode) : null;
        }
    }
}
