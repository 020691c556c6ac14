using RelationalCoordination.Domain.Responses;

namespace RelationalCoordination.Domain.Formats;

/// <summary>The observations of a file as the response set stores them, filled by the chunks that read it.</summary>
internal sealed class Observations(int length)
{
    public int[] Respondent { get; private set; } = new int[length];

    public int[] Target { get; private set; } = new int[length];

    public ItemScores[] Scores { get; private set; } = new ItemScores[length];

    /// <summary>Closes a gap of unused slots (blank lines) at [<paramref name="at"/>, <paramref name="at"/> + <paramref name="gap"/>) and cuts the arrays to <paramref name="length"/>.</summary>
    public void Compact(int at, int gap, int length)
    {
        if (gap > 0)
        {
            Array.Copy(Respondent, at + gap, Respondent, at, length - at);
            Array.Copy(Target, at + gap, Target, at, length - at);
            Array.Copy(Scores, at + gap, Scores, at, length - at);
        }

        if (length < Target.Length)
        {
            (Respondent, Target, Scores) = (Respondent[..length], Target[..length], Scores[..length]);
        }
    }
}
