namespace ClinicalAgent.Security.Hardening;

/// <summary>Cross-origin access for browser apps (<c>Server:Cors</c>): off unless origins are listed.</summary>
public sealed class ServerCorsOptions
{
    /// <summary>Origins (<c>https://app.example.org</c>, scheme, host and port) whose pages may call the API; empty: none.</summary>
    public string[] Origins { get; set; } = [];
}
