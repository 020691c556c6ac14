namespace RelationalCoordination.Cli;

internal static class HelpText
{
    public const string Main = """
        rc — score Relational Coordination (RC) survey responses

        Usage:
          rc score <responses.csv> --out <dir> [--min-group-size <k>] [--anonymous]
          rc compare <before.csv> <after.csv> --out <dir> [--min-group-size <k>] [--anonymous]
          rc <command> --help      explain a command and every option
          rc --version

        Commands:
          score     tie strengths, role scores, network indices and psychometrics
                    -> ties.csv, roles.csv, summary.csv
          compare   the change of every tie between two waves, with Welch's t-test
                    -> compare.csv

        Responses are UTF-8 CSV, one row per observation:
          respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect
        item scores 1-5 (5 = best), empty for "not applicable".

        Exit codes: 0 done; 2 bad input or usage (one line on stderr naming the file, line and
        field; no result file is written); 1 internal error.
        The method and the formats: docs/scoring.md and docs/cli.md.

        """;

    public const string Score = """
        rc score — score one wave of RC survey responses

        Usage:
          rc score <responses.csv> --out <dir> [--min-group-size <k>] [--anonymous]

        Arguments:
          <responses.csv>           responses, one row per observation (see rc --help)

        Options:
          -o, --out <dir>           directory for ties.csv, roles.csv and summary.csv; created if
                                    missing; existing result files there are replaced
          -k, --min-group-size <k>  minimum group size, at least 3 (default 5): a tie with fewer
                                    respondents than k is flagged suppressed=true
          --anonymous               report as the web app does: a suppressed tie loses every
                                    number, n included, and a role with fewer than k
                                    respondents its count; every role, network, summary and
                                    psychometric figure uses only ties with n >= k and their
                                    observations
          -h, --help                show this help

        Without --anonymous every figure is computed from all ties (a researcher's own raw data).

        Example:
          rc score wave1.csv --out results/wave1 --min-group-size 5

        """;

    public const string Compare = """
        rc compare — compare the ties of two waves of the same work process

        Usage:
          rc compare <before.csv> <after.csv> --out <dir> [--min-group-size <k>] [--anonymous]

        Arguments:
          <before.csv>              responses of the earlier wave
          <after.csv>               responses of the later wave; roles are matched by name

        Options:
          -o, --out <dir>           directory for compare.csv; created if missing
          -k, --min-group-size <k>  minimum group size, at least 3 (default 5); used with --anonymous
          --anonymous               compare only ties with n >= k in both waves (otherwise n >= 2)
          -h, --help                show this help

        compare.csv has one row per tie present in both waves: n and tie strength before and
        after, the change, and Welch's t-test of the later wave against the earlier (t, df,
        two-sided p_value), with p_value adjusted over every tie compared: p_holm (Holm) and
        p_bh (Benjamini-Hochberg), as R's p.adjust.

        Example:
          rc compare wave1.csv wave2.csv --out results/change

        """;
}
