using RelationalCoordination.Domain.Change;

namespace RelationalCoordination.Web.Features.Change;

/// <summary>The model of <c>_Suggestions</c>: the suggestions, and where "Plan this" goes (null: no link, as for viewers).</summary>
public sealed record SuggestionsView(IReadOnlyList<Suggestion> Suggestions, Func<Suggestion, CatalogueItem, string?>? PlanUrl);
