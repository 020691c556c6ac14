using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RelationalCoordination.Domain.Responses;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>
/// A survey's results, always anonymous (suppressed ties carry no numbers; role and network
/// figures use reportable ties only), from the scoring engine. Scored once and stored as a
/// snapshot; a snapshot computed from fewer responses than the survey now has is scored again on
/// the next read.
/// </summary>
public sealed class SurveyResults(AppDbContext db, TimeProvider clock, ResultsCache cache)
{
    /// <summary>
    /// Raise it with any change to the scoring or to what an anonymous result shows: stored results
    /// of every survey are then scored again, closed surveys included.
    /// </summary>
    public const int ScoringVersion = 1;

    private static readonly JsonSerializerOptions Json = new();

    public async Task<ScoringResult> ForAsync(Survey survey)
    {
        var responses = await db.Responses.CountAsync(r => r.SurveyId == survey.Id);
        var stored = await db.ResultsSnapshots.AsNoTracking().Where(s => s.SurveyId == survey.Id)
            .Select(s => new { s.Responses, s.Scoring, s.ComputedAt }).SingleOrDefaultAsync();
        // Once the retention period has deleted the raw answers, the stored results are all there is.
        if (stored is not null && (survey.RawAnswersDeletedOn is not null || (stored.Responses == responses && stored.Scoring == ScoringVersion)))
        {
            return await cache.GetOrReadAsync(survey.Id, stored.ComputedAt, async () => JsonSerializer.Deserialize<ScoringResult>(
                await db.ResultsSnapshots.AsNoTracking().Where(s => s.SurveyId == survey.Id).Select(s => s.Result).SingleAsync(), Json)!);
        }

        var set = await ResponsesAsync(survey);
        var result = ScoringEngine.Score(set, new ScoringOptions(survey.MinGroupSize, anonymous: true));
        // Labelled with the count read before loading: responses arriving meanwhile only make it rescore sooner.
        await SaveAsync(survey.Id, responses, JsonSerializer.Serialize(result, Json));
        return result;
    }

    /// <summary>Why two waves cannot be compared any more (the retention period deleted raw answers), or null.</summary>
    public static string? RawAnswersGone(Survey earlier, Survey later) =>
        new[] { earlier, later }.FirstOrDefault(s => s?.RawAnswersDeletedOn is not null) is { } gone
            ? $"The raw answers of “{gone.Title}” were deleted on {gone.RawAnswersDeletedOn:yyyy-MM-dd} after the retention period; waves can no longer be compared with it. Its results are kept."
            : null;

    /// <summary>
    /// The changes from an earlier wave to this one, for the ties reportable in both (at the larger
    /// of the two minimum group sizes), with Welch's t-test.
    /// </summary>
    public async Task<ImmutableArray<TieChange>> CompareAsync(Survey earlier, Survey later) =>
        WaveComparison.Compare(await ResponsesAsync(earlier), await ResponsesAsync(later),
            new ScoringOptions(Math.Max(earlier.MinGroupSize, later.MinGroupSize), anonymous: true));

    /// <summary>
    /// A survey's stored responses as the engine's response set, every role of the survey declared.
    /// Read with one plain query straight into the builder: hundreds of thousands of answers
    /// would take seconds to become entities first.
    /// </summary>
    public async Task<ResponseSet> ResponsesAsync(Survey survey)
    {
        var names = survey.Roles.ToDictionary(r => r.Id, r => r.Name);
        var builder = new ResponseSetBuilder(names.Values);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync();
        }

        try
        {
            await using var command = new NpgsqlCommand("""
                SELECT r."Id", r."RoleId", a."TargetRoleId", a."Frequent", a."Timely", a."Accurate", a."ProblemSolving", a."SharedGoals", a."SharedKnowledge", a."MutualRespect"
                FROM "Responses" r JOIN "Answer" a ON a."ResponseId" = r."Id" WHERE r."SurveyId" = $1
                """, connection);
            command.Parameters.AddWithValue(survey.Id);
            await using var reader = await command.ExecuteReaderAsync();
            var ids = new Dictionary<Guid, string>();
            var scores = new int?[Domain.Instrument.Dimensions.Count];
            while (await reader.ReadAsync())
            {
                var responseId = reader.GetGuid(0);
                if (!ids.TryGetValue(responseId, out var respondent))
                {
                    ids[responseId] = respondent = $"R{ids.Count + 1}";
                }

                for (var item = 0; item < scores.Length; item++)
                {
                    scores[item] = reader.IsDBNull(3 + item) ? null : reader.GetInt16(3 + item);
                }

                if (builder.Add(respondent, names[reader.GetGuid(1)], names[reader.GetGuid(2)], scores) is { } error)
                {
                    throw new InvalidOperationException($"A stored answer is not valid: {error.Message}");
                }
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }

        return builder.Build();
    }

    private async Task SaveAsync(Guid surveyId, int responses, string result)
    {
        // Two instances may score at once; the one that writes last wins, and both wrote the same numbers
        // unless responses arrived in between — which the count then shows.
        var now = clock.GetUtcNow();
        try
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "ResultsSnapshots" ("SurveyId", "Responses", "Scoring", "Result", "ComputedAt") VALUES ({surveyId}, {responses}, {ScoringVersion}, {result}::jsonb, {now})
                ON CONFLICT ("SurveyId") DO UPDATE SET "Responses" = EXCLUDED."Responses", "Scoring" = EXCLUDED."Scoring", "Result" = EXCLUDED."Result", "ComputedAt" = EXCLUDED."ComputedAt"
                """);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            // The survey was deleted meanwhile: nothing to keep.
        }
    }
}
