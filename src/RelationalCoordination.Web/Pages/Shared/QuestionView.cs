using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Pages.Shared;

public sealed record QuestionView(SurveyItem Item, string WorkProcess, IReadOnlyList<SurveyRole> Roles, int Number, int Of, RespondentTexts Texts);
