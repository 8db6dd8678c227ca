"""The central office's window (`seguimiento central --db C gui`): planteles, bundles received,
conflicts, configuration and the consolidated report, over a ``CentralWorkspace``."""
