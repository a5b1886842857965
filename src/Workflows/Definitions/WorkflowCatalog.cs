namespace ClinicalAgent.Workflows.Definitions;

/// <summary>
/// The workflow definitions of a folder (<c>*.yaml</c>, <c>*.yml</c>), parsed and validated. Invalid files are kept
/// as errors and never started; valid ones are found by name.
/// </summary>
public sealed class WorkflowCatalog
{
    private readonly Dictionary<string, WorkflowDefinition> _byName;

    private WorkflowCatalog(string? folder, Dictionary<string, WorkflowDefinition> byName, IReadOnlyList<DefinitionError> errors)
    {
        Folder = folder;
        _byName = byName;
        Errors = errors;
    }

    /// <summary>The folder read, or null for an empty catalog.</summary>
    public string? Folder { get; }

    /// <summary>Problems in the folder's files; those files' workflows are not in the catalog.</summary>
    public IReadOnlyList<DefinitionError> Errors { get; }

    public IEnumerable<WorkflowDefinition> All => _byName.Values.OrderBy(w => w.Name, StringComparer.Ordinal);

    /// <summary>The catalog of <paramref name="folder"/>; an empty one when it is null or does not exist.</summary>
    public static WorkflowCatalog Load(string? folder)
    {
        var byName = new Dictionary<string, WorkflowDefinition>(StringComparer.Ordinal);
        var errors = new List<DefinitionError>();
        if (folder is null || !Directory.Exists(folder))
        {
            return new WorkflowCatalog(folder, byName, errors);
        }

        var valid = new List<WorkflowDefinition>();
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
        {
            var (definition, fileErrors) = LoadFile(file);
            errors.AddRange(fileErrors);
            if (definition is not null)
                valid.Add(definition);
        }

        // A name used twice would start whichever file sorts first: neither is loaded, and each says where the other is.
        foreach (var group in valid.GroupBy(w => w.Name, StringComparer.Ordinal))
        {
            var same = group.ToList();
            if (same.Count == 1)
            {
                byName.Add(group.Key, same[0]);
                continue;
            }

            foreach (var workflow in same)
            {
                var others = string.Join(", ", same.Where(o => o != workflow).Select(o => o.NameLocation.ToString()));
                errors.Add(new DefinitionError(workflow.NameLocation, $"Workflow name '{group.Key}' is also used by {others}; names must be unique across files."));
            }
        }

        return new WorkflowCatalog(folder, byName, errors);
    }

    /// <summary>Parses and validates one file; the definition is null when there is any error.</summary>
    public static (WorkflowDefinition? Definition, IReadOnlyList<DefinitionError> Errors) LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, [new DefinitionError(new SourceLocation(path, 0, 0), $"Cannot read the file: {ex.Message}")]);
        }

        var (definition, errors) = WorkflowParser.Parse(text, path);
        if (definition is not null)
        {
            errors.AddRange(WorkflowValidator.Validate(definition));
        }

        return errors.Count == 0 ? (definition, errors) : (null, errors);
    }

    /// <summary>The workflow named <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">There is none; the message says which exist and which files are invalid.</exception>
    public WorkflowDefinition Get(string name)
    {
        if (_byName.TryGetValue(name, out var workflow))
        {
            return workflow;
        }

        var invalid = Errors.Count > 0 ? $" Invalid definitions: {string.Join("; ", Errors.Select(e => e.ToString()))}." : "";
        throw new InvalidOperationException($"No workflow named '{name}' in {Folder ?? "(no workflows folder)"} (known: {(_byName.Count == 0 ? "none" : string.Join(", ", _byName.Keys.Order(StringComparer.Ordinal)))}).{invalid}");
    }

    /// <summary>A catalog of the given definitions (tests, embedding).</summary>
    public static WorkflowCatalog Of(params WorkflowDefinition[] workflows) =>
        new(null, workflows.ToDictionary(w => w.Name, StringComparer.Ordinal), []);
}
