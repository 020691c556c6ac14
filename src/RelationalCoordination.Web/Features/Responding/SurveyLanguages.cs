using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Features.Responding;

/// <summary>A survey as a respondent who chose a language reads it.</summary>
public static class SurveyLanguages
{
    /// <summary>
    /// The survey with its texts in <paramref name="language"/> where a facilitator gave them —
    /// title, work process, introduction, role names and descriptions — and its own texts
    /// elsewhere. A copy: the survey itself is shared by every request (<see cref="SurveyDefinitions"/>).
    /// </summary>
    public static Survey In(this Survey survey, string language)
    {
        ArgumentNullException.ThrowIfNull(survey);
        if (survey.Translations.FirstOrDefault(t => t.Language == language) is not { } text)
        {
            return survey;
        }

        var roles = text.Roles.GroupBy(r => r.RoleId).ToDictionary(g => g.Key, g => g.First());
        return new Survey
        {
            Id = survey.Id,
            OrganisationId = survey.OrganisationId,
            Title = text.Title,
            WorkProcess = text.WorkProcess,
            Introduction = string.IsNullOrWhiteSpace(text.Introduction) ? survey.Introduction : text.Introduction,
            FrequencyVariant = survey.FrequencyVariant,
            MinGroupSize = survey.MinGroupSize,
            OpensAt = survey.OpensAt,
            ClosesAt = survey.ClosesAt,
            Status = survey.Status,
            PreviousWaveId = survey.PreviousWaveId,
            CreatedAt = survey.CreatedAt,
            UpdatedAt = survey.UpdatedAt,
            Version = survey.Version,
            PublicKey = survey.PublicKey,
            RawAnswersDeletedOn = survey.RawAnswersDeletedOn,
            Translations = survey.Translations,
            ItemWordings = survey.ItemWordings,
            Roles = [.. survey.Roles.Select(r => !roles.TryGetValue(r.Id, out var name) ? r : new SurveyRole
            {
                Id = r.Id,
                SurveyId = r.SurveyId,
                Name = name.Name,
                Description = string.IsNullOrWhiteSpace(name.Description) ? r.Description : name.Description,
                ExpectedHeadcount = r.ExpectedHeadcount,
                Answers = r.Answers,
                IsRated = r.IsRated,
                IsBoundarySpanner = r.IsBoundarySpanner,
                Kind = r.Kind,   // the respondent's role kind chooses the wording of the items
                Position = r.Position,
            })],
        };
    }
}
