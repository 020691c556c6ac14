using RelationalCoordination.Benchmarks;

return args switch
{
    ["generate", ..] => Workload.Generate(args[1..]),
    ["stages", ..] => Stages.Measure(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage:
          bench generate --respondents N [--roles 40] [--coverage 0.92] [--seed 1] --out FILE
              writes a deterministic responses CSV (same arguments, same bytes)
          bench stages FILE [--iterations 10]
              times parse, score and write in-process (after a warm-up run) and prints the medians
        """);
    return 2;
}
