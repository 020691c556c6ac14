namespace RelationalCoordination.Web.Data;

/// <summary>
/// One submitted response: the respondent's role and the day it was submitted, nothing that
/// identifies the respondent.
/// </summary>
public sealed class Response
{
    public Guid Id { get; set; }

    public Guid SurveyId { get; set; }

    public Guid RoleId { get; set; }

    public DateOnly SubmittedOn { get; set; }

    public List<Answer> Answers { get; set; } = [];
}

/// <summary>A response's seven scores (1–5, null = not applicable) about one target role.</summary>
public sealed class Answer
{
    public Guid ResponseId { get; set; }

    public Guid TargetRoleId { get; set; }

    public short? Frequent { get; set; }

    public short? Timely { get; set; }

    public short? Accurate { get; set; }

    public short? ProblemSolving { get; set; }

    public short? SharedGoals { get; set; }

    public short? SharedKnowledge { get; set; }

    public short? MutualRespect { get; set; }
}
