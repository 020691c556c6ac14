using RelationalCoordination.Load;

try
{
    var options = new Options(args.Skip(1).ToArray());
    return args.FirstOrDefault() switch
    {
        "survey" => await Modes.SurveyAsync(options),
        "api" => await Modes.ApiAsync(options),
        "respondent" => await Modes.RespondentAsync(options),
        "pg" => await Modes.PgAsync(options),
        "pg-pages" => await Modes.PgPagesAsync(options),
        "retry" => await Durability.RetryAsync(options),
        "keys" => await Durability.KeysAsync(options),
        "begin" => await Durability.BeginAsync(options),
        "resume" => await Durability.ResumeAsync(options),
        "report" => Report.Print(options),
        _ => Usage(),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return Usage();
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: RelationalCoordination.Load MODE --name value …   (run by bench/load.sh and bench/kill.sh)
          survey --url URL --token T [--roles 10] [--title T]      create and open a survey; prints "id key"
          api --url URL --token T --survey ID [--roles 10] [--keys-log FILE]
              POST /api/v1/surveys/{id}/responses, a new Idempotency-Key each
          respondent --url URL --key KEY [--roles 10]              the respondent pages, as a phone without JavaScript
          pg --connection CS --survey ID [--pool N]                the same rows written with Npgsql alone
          pg-pages --connection CS --survey ID [--pool N]          the writes of the respondent pages with Npgsql alone
              each of these four also takes: --concurrency 50 --warmup 5 --duration 20 [--csv FILE]
              [--timeout 60] [--error-backoff 0.1] [--seed N]
          retry --url URL --token T --survey ID --keys-log FILE    resend every key not acknowledged, same body
          keys --keys-log FILE [--before UNIX_MS --survey ID --hashes FILE]   prints "sent acknowledged before"
          begin --url URL --key KEY --state FILE [--respondents 20] [--answer 3]   start drafts and stop
          resume --url URL --key KEY --state FILE                  continue those drafts, check, submit
          report --csv FILE [--target-concurrency 200]            markdown table of the runs
        """);
    return 2;
}
