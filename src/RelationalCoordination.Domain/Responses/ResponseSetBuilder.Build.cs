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
    /// comparison, each respondent's observations together in input order.
    /// </summary>
    internal static ResponseSet Freeze(
        List<string> roleNames,
        Dictionary<string, int> roleIndex,
        List<string> respondentIds,
        List<int> respondentRole,
        ReadOnlySpan<int> observationOf,
        ReadOnlySpan<int> targetOf,
        ReadOnlySpan<ItemScores> scoresOf) =>
        FreezeOwned(roleNames, roleIndex, respondentIds, respondentRole, observationOf, targetOf.ToArray(), scoresOf.ToArray());

    /// <summary>
    /// <see cref="Freeze"/> for arrays the caller hands over (the UTF-8 reader's): the role ids in
    /// <paramref name="targets"/> are renumbered in place, and when each respondent's observations
    /// already follow each other — as in almost every file — they are kept without a copy.
    /// </summary>
    internal static ResponseSet FreezeOwned(
        List<string> roleNames,
        Dictionary<string, int> roleIndex,
        List<string> respondentIds,
        List<int> respondentRole,
        ReadOnlySpan<int> observationOf,
        int[] targets,
        ItemScores[] scores)
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

        var first = new int[respondents + 1];
        var grouped = true;
        for (var o = 0; o < observationOf.Length; o++)
        {
            first[observationOf[o] + 1]++;
            grouped &= o == 0 || observationOf[o] >= observationOf[o - 1];
            targets[o] = newIndex[targets[o]];
        }

        for (var r = 0; r < respondents; r++)
        {
            first[r + 1] += first[r];
        }

        if (!grouped)
        {
            // Group observations by respondent (a counting sort keeps each respondent's input order).
            var (sortedTargets, sortedScores) = (new int[targets.Length], new ItemScores[scores.Length]);
            var next = (int[])first.Clone();
            for (var o = 0; o < targets.Length; o++)
            {
                var slot = next[observationOf[o]]++;
                sortedTargets[slot] = targets[o];
                sortedScores[slot] = scores[o];
            }

            (targets, scores) = (sortedTargets, sortedScores);
        }

        return new ResponseSet(sortedNames, [.. respondentIds], roles, first, targets, scores);
    }
}
