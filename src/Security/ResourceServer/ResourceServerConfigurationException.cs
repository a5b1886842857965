namespace ClinicalAgent.Security.ResourceServer;

/// <summary>The <c>Auth:*</c> settings cannot work (no issuer, an unreadable key file): a user error with a short message.</summary>
public sealed class ResourceServerConfigurationException(string message) : Exception(message);
