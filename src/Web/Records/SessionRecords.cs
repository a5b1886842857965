using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Fhir;
using ClinicalAgent.Tools;
using ClinicalAgent.Tools.Images;
using ClinicalAgent.Web.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Web.Records;

/// <summary>
/// The records a session works on: the host's (the embedded store or the configured FHIR server), or for a session
/// launched from another EHR its own tools over that EHR with the person's token (<see cref="Remote.RemoteRecords"/>).
/// </summary>
internal static class SessionRecords
{
    public static ClinicalToolbox Toolbox(HttpContext context, WebSession session) =>
        session.Remote?.Toolbox ?? context.RequestServices.GetRequiredService<ClinicalToolbox>();

    public static IFhirGateway Gateway(HttpContext context, WebSession session) =>
        session.Remote?.Gateway ?? context.RequestServices.GetRequiredService<IFhirGateway>();

    public static ImagePreviews Images(HttpContext context, WebSession session) =>
        (session.Remote?.Services ?? context.RequestServices).GetRequiredService<ImagePreviews>();

    /// <summary>The tools the agent is offered in this session.</summary>
    public static IReadOnlyList<AIFunction> AgentTools(HttpContext context, WebSession session) =>
        session.Remote?.Toolbox.Functions ?? context.RequestServices.GetRequiredService<ClinicalToolset>().Functions;
}
