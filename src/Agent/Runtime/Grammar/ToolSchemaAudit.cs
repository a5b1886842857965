using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Agent.Runtime.Grammar;

/// <summary>
/// Compiles a tool set's schemas when it is registered or first offered: a schema the grammar cannot honour fails
/// there (naming tool, argument and keyword), and each constraint it relaxes is logged once per process.
/// </summary>
public static partial class ToolSchemaAudit
{
    private static readonly HashSet<GrammarRelaxation> Reported = [];
    private static readonly Lock Gate = new();

    /// <summary>Checks <paramref name="tools"/>; returns the relaxed constraints.</summary>
    /// <exception cref="ToolSchemaException">A schema uses something neither the grammar nor the validator can follow.</exception>
    public static IReadOnlyList<GrammarRelaxation> Check(IReadOnlyList<AIFunctionDeclaration> tools, GrammarLimits? limits, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var relaxations = ReplyGrammar.EnsureExpressible(tools, limits);
        Report(relaxations, logger);
        return relaxations;
    }

    /// <summary>Logs each relaxation not logged before in this process.</summary>
    public static void Report(IEnumerable<GrammarRelaxation> relaxations, ILogger logger)
    {
        foreach (var relaxation in relaxations)
        {
            bool first;
            lock (Gate)
            {
                first = Reported.Add(relaxation);
            }

            if (first)
            {
                LogRelaxed(logger, relaxation.ToolName, relaxation.Keyword, relaxation.Path);
            }
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information,
        Message = "Tool {Tool}: '{Keyword}' at {Path} is checked after sampling, not by the grammar")]
    private static partial void LogRelaxed(ILogger logger, string tool, string keyword, string path);
}
