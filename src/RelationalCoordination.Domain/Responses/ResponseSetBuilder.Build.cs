using System.Runtime.InteropServices;

namespace RelationalCoordination.Domain.Responses;

// The freezing step: the collected observations laid out as the immutable set expects them.
public sealed partial class ResponseSetBuilder
{
    /// <summary>Builds the immutable set; the builder may go on being used afterwards.</summary>
    public ResponseSet Build() => Freeze(
        roleNames, roleIndex, respondentIds, respondentRole,
        CollectionsMarshal.AsSpan(observationRespondent), CollectionsMarshal.AsSpan(observationTarget), CollectionsMarshal.AsSpan(observationScores));

    /// <summary>
    /// Lays out validated observations as the immutable set expects them: roles sorted by ordinal
    /// comparison, each respondent's observations together in input order. Shared with the UTF-8
    /// reader (<see cref="Formats.ResponsesUtf8"/>), which validates as this builder does.
    /// </summary>
    internal static ResponseSet Freeze(
        List<string> roleNames,
        Dictionary<string, int> roleIndex,
        List<string> respondentIds,
        List<int> respondentRole,
        ReadOnlySpan<int> observationOf,
        ReadOnlySpan<int> targetOf,
        ReadOnlySpan<ItemScores> scoresOf)
    {
        // Roles sorted by ordinal comparison, as every output orders them.
        var sortedNames = roleNames.ToArray();
        Array.Sort(sortedNames, StringComparer.Ordinal);
        var newIndex = new int[roleNames.Count];
        for (var i = 0; i < sortedNames.Length; i++)
        {
            newIndex[roleIndex[sortedNames[i]]] = i;
        }

        var respondents = respondentIds.Count;
        var roles = new int[respondents];
        for (var r = 0; r < respondents; r++)
        {
            roles[r] = newIndex[respondentRole[r]];
        }

        // Group observations by respondent (a counting sort keeps each respondent's input order).
        var first = new int[respondents + 1];
        foreach (var r in observationOf)
        {
            first[r + 1]++;
        }

        for (var r = 0; r < respondents; r++)
        {
            first[r + 1] += first[r];
        }

        var count = targetOf.Length;
        var targets = new int[count];
        var scores = new ItemScores[count];
        var next = (int[])first.Clone();
        for (var o = 0; o < count; o++)
        {
            var slot = next[observationOf[o]]++;
            targets[slot] = newIndex[targetOf[o]];
            scores[slot] = scoresOf[o];
        }

        return new ResponseSet(sortedNames, [.. respondentIds], roles, first, targets, scores);
    }
}
