package io.narwhal.api.server;

/** What one worker does with one revision of an app. */
public enum AppState {
    /** Installed and serving. */
    ACTIVE,
    /** Asked to install or update to this revision; no answer yet. */
    DEPLOYING,
    /** Asked to remove the app; no answer yet. */
    UNDEPLOYING,
    /** Tried and rolled back: this revision goes no further until the file changes. */
    FAILED
}
