using System.Collections.Immutable;

using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Organisations;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Pages.Respond;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys;

public sealed class PreviewModel(AppDbContext db, CurrentOrganisation org) : SurveyPageModel
{
    public RespondentTexts Texts { get; private set; } = RespondentTexts.English;

    /// <summary>Whose wording the preview shows: clients read their own (<c>?audience=client</c>).</summary>
    public ItemAudience Audience { get; private set; }

    /// <summary>The survey as a respondent of the chosen language reads it (its translation, where given).</summary>
    public Survey Shown => Survey.In(Texts.Code);

    /// <summary>A role of the client kind answers: the preview offers the client wording too.</summary>
    public bool ClientsAnswer => Survey.Roles.Any(r => r.Answers && r.Kind == RoleKind.Client);

    /// <summary>The items as the chosen respondents read them, in the wording in force (the organisation's own, or the app's).</summary>
    public ImmutableArray<SurveyItem> Items { get; private set; } = [];

    // Keeps its name from when it read the survey itself: the authorization tests list every handler by name.
    public async Task OnGetAsync(string? audience)
    {
        Texts = RespondentTexts.For(HttpContext);
        Audience = audience == "client" ? ItemAudience.Client : ItemAudience.Staff;
        // A draft shows the organisation's wording as it is now: the one it will take when it opens.
        var organisation = Survey.IsLocked ? [] : await db.Organisations.AsNoTracking().Where(o => o.Id == org.Id).Select(o => o.ItemWordings).SingleAsync();
        Items = ItemWordings.Items(ItemWordings.InForce(Survey, organisation), Survey.FrequencyVariant, Texts.Language, Audience);
    }
}
