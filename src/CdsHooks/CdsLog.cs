using Microsoft.Extensions.Logging;

namespace ClinicalAgent.CdsHooks;

/// <summary>The log lines of /cds-services: ids, counts and reasons only.</summary>
internal static partial class CdsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "CDS Hooks: authorization is OFF (--insecure-no-auth): EHR JWTs are NOT checked; any caller can invoke /cds-services")]
    public static partial void InsecureNoAuth(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "CDS Hooks {ServiceId}: refused ({Reason})")]
    public static partial void Refused(ILogger logger, string serviceId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CDS Hooks {ServiceId}: hookInstance {HookInstance} ran past the time budget of {BudgetMs} ms; answered no cards")]
    public static partial void OverBudget(ILogger logger, string serviceId, string hookInstance, double budgetMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "CDS Hooks {ServiceId}: hookInstance {HookInstance} answered {Cards} card(s) in {ElapsedMs} ms")]
    public static partial void Answered(ILogger logger, string serviceId, string hookInstance, int cards, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CDS Hooks {ServiceId}: hookInstance {HookInstance} failed: {Error}")]
    public static partial void Failed(ILogger logger, string serviceId, string hookInstance, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CDS Hooks: service id {ServiceId} is declared by {Workflow} and {Other}; only {Other} is served")]
    public static partial void DuplicateServiceId(ILogger logger, string serviceId, string workflow, string other);

    [LoggerMessage(Level = LogLevel.Information, Message = "CDS Hooks {ServiceId}: feedback on card {Card}: {Outcome}; approvals started: {Approvals}")]
    public static partial void Feedback(ILogger logger, string serviceId, string card, string outcome, int approvals);
}
