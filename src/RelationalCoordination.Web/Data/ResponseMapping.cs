using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Responses;

namespace RelationalCoordination.Web.Data;

/// <summary>Between the domain's respondents and the stored responses; nothing of a respondent's id is kept.</summary>
public static class ResponseMapping
{
    /// <summary>A stored response for one respondent, roles looked up by name.</summary>
    public static Response ToResponse(Respondent respondent, Guid surveyId, IReadOnlyDictionary<string, Guid> roleIds, DateOnly submittedOn) => new()
    {
        Id = Guid.NewGuid(),
        SurveyId = surveyId,
        RoleId = roleIds[respondent.Role],
        SubmittedOn = submittedOn,
        Answers = [.. respondent.Observations.Select(o => AnswerColumns.NewAnswer(roleIds[o.TargetRole], d => Score(o.Scores[d])))],
    };

    /// <summary>A stored response as the domain's respondent, under an id of the caller's choosing; role ids to names.</summary>
    public static Respondent ToRespondent(this Response response, string id, IReadOnlyDictionary<Guid, string> names) =>
        new(id, names[response.RoleId],
            [.. response.Answers.OrderBy(a => names[a.TargetRoleId], StringComparer.Ordinal).Select(a => new Observation(names[a.TargetRoleId], a.Scores()))]);

    /// <summary>A stored answer's seven scores.</summary>
    public static ItemScores Scores(this Answer answer) =>
        ItemScores.Of([.. answer.ScoresInOrder().Select(s => (int?)s)]);

    private static short? Score(int? value) => value is { } v ? (short)v : null;
}
