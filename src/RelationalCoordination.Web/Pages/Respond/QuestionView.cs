using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responding;

namespace RelationalCoordination.Web.Pages.Respond;

/// <summary>One item asked about every rated role, with the answers given so far (none in the preview).</summary>
public sealed record QuestionView(SurveyItem Item, string WorkProcess, IReadOnlyList<SurveyRole> Roles, int Number, int Of, RespondentTexts Texts, DraftAnswers? Answers = null)
{
    public bool IsChecked(SurveyRole role, int? score) => Answers?.Get(role.Id, Number - 1) is { } given && given == (score ?? DraftAnswers.NotApplicable);
}
