namespace ClinicalAgent.Workflows.Triggers;

/// <summary>Quartz's clustered job store in the PostgreSQL workflow database.</summary>
/// <param name="ConnectionString">The workflow database (the schema is created by the workflow store first).</param>
/// <param name="MisfireThreshold">How late a fire may be before it counts as missed (then it is replayed once).</param>
/// <param name="CheckinInterval">How often a node tells the cluster it is alive; twice this without a word and another node recovers its work.</param>
public sealed record ScheduleCluster(string ConnectionString, TimeSpan MisfireThreshold, TimeSpan CheckinInterval);
