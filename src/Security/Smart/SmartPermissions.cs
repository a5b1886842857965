namespace ClinicalAgent.Security.Smart;

/// <summary>The interactions a SMART v2 scope grants, in the order the scope spells them (<c>cruds</c>).</summary>
[Flags]
public enum SmartPermissions
{
    None = 0,
    Create = 1,
    Read = 2,
    Update = 4,
    Delete = 8,
    Search = 16,
    All = Create | Read | Update | Delete | Search,
}
