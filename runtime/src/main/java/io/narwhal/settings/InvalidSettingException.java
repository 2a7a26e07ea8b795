package io.narwhal.settings;

/** A setting, flag or file that cannot be used; the message is one line that names it. */
public final class InvalidSettingException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String message) {
        super(message);
    }
}
