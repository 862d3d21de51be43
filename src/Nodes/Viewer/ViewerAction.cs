namespace ActorStream.Nodes.Viewer;

/// <summary>What a key (or a line of keys) asks the viewer to do.</summary>
public enum ViewerActionKind
{
    /// <summary>Watch station number <see cref="ViewerAction.Number"/> (1-based, as listed).</summary>
    Switch,
    Pause,
    Resume,
    List,
    Quit,

    /// <summary>A key that means nothing: the keys are shown.</summary>
    Help,
}

/// <param name="Kind">What to do.</param>
/// <param name="Number">For <see cref="ViewerActionKind.Switch"/>: the station's number in the list.</param>
public readonly record struct ViewerAction(ViewerActionKind Kind, int Number = 0)
{
    public static ViewerAction SwitchTo(int number) => new(ViewerActionKind.Switch, number);
}
