"""Synchronisation by USB stick: identities and keys, bundles, merge, acknowledgements.

Planteles export signed, age-encrypted bundles of changed records; the central office (or a
plantel's main PC) verifies, merges and acknowledges them. docs/bundle-format.md describes
the files and the threat model. Nothing here imports Qt; ``services.Workspace`` (plantel
side, through ``usecases.SyncUseCases``) and ``central_workspace.CentralWorkspace``
(receiving side) are what the GUI and the CLI call.
"""
