using System.Collections.Immutable;

namespace RelationalCoordination.Domain.Responses;

/// <summary>
/// A validated, immutable set of responses to one survey: the roles (sorted by ordinal comparison),
/// the respondents and their observations. Build one with <see cref="ResponseSetBuilder"/>.
/// </summary>
public sealed class ResponseSet
{
    // Flat, index-based storage: the scoring engine walks these arrays directly, which keeps a
    // large health system's 740,000 observations fast to score and small in memory.
    internal readonly string[] RoleNames;
    internal readonly string[] RespondentIds;
    internal readonly int[] RespondentRole;
    internal readonly int[] FirstObservation; // length respondents + 1
    internal readonly int[] ObservationTarget;
    internal readonly ItemScores[] ObservationScores;

    internal ResponseSet(
        string[] roleNames,
        string[] respondentIds,
        int[] respondentRole,
        int[] firstObservation,
        int[] observationTarget,
        ItemScores[] observationScores)
    {
        RoleNames = roleNames;
        RespondentIds = respondentIds;
        RespondentRole = respondentRole;
        FirstObservation = firstObservation;
        ObservationTarget = observationTarget;
        ObservationScores = observationScores;
        Roles = [.. roleNames];
    }

    /// <summary>An empty set with no roles and no respondents.</summary>
    public static ResponseSet Empty { get; } = new([], [], [], [0], [], []);

    /// <summary>
    /// Every role: those declared to the builder, those of respondents and those rated,
    /// sorted by ordinal comparison of their names.
    /// </summary>
    public ImmutableArray<string> Roles { get; }

    /// <summary>The number of distinct respondents.</summary>
    public int RespondentCount => RespondentIds.Length;

    /// <summary>The number of observations (one respondent about one target role).</summary>
    public int ObservationCount => ObservationTarget.Length;

    /// <summary>The respondents in the order they were first added, each with their observations.</summary>
    public IEnumerable<Respondent> Respondents
    {
        get
        {
            for (var r = 0; r < RespondentIds.Length; r++)
            {
                var observations = ImmutableArray.CreateBuilder<Observation>(FirstObservation[r + 1] - FirstObservation[r]);
                for (var o = FirstObservation[r]; o < FirstObservation[r + 1]; o++)
                {
                    observations.Add(new Observation(RoleNames[ObservationTarget[o]], ObservationScores[o]));
                }

                yield return new Respondent(RespondentIds[r], RoleNames[RespondentRole[r]], observations.MoveToImmutable());
            }
        }
    }

    /// <summary>Builds a set from respondents, validating it as <see cref="ResponseSetBuilder"/> does.</summary>
    /// <exception cref="InvalidResponsesException">An observation is invalid.</exception>
    public static ResponseSet From(IEnumerable<Respondent> respondents, IEnumerable<string>? declaredRoles = null)
    {
        ArgumentNullException.ThrowIfNull(respondents);
        var builder = new ResponseSetBuilder(declaredRoles);
        foreach (var respondent in respondents)
        {
            foreach (var observation in respondent.Observations)
            {
                if (builder.Add(respondent.Id, respondent.Role, observation.TargetRole, observation.Scores) is { } error)
                {
                    throw new InvalidResponsesException(error);
                }
            }
        }

        return builder.Build();
    }
}

/// <summary>Thrown by <see cref="ResponseSet.From"/> when an observation is invalid.</summary>
public sealed class InvalidResponsesException : Exception
{
    /// <summary>Creates the exception for one error.</summary>
    public InvalidResponsesException(ResponseError error)
        : base(error?.ToString()) => Error = error ?? throw new ArgumentNullException(nameof(error));

    /// <summary>What is wrong, and in which field.</summary>
    public ResponseError Error { get; }
}
