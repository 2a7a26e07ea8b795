package io.narwhal.remote;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One frame on the shell's wire: a type byte, the payload's length (4 bytes, big-endian) and the payload. The
 * client sends its working directory and options first, then command lines; for each command the master answers
 * with output frames and ends with an exit status.
 */
public record ShellFrame(Type type, byte[] payload) {
    /** A frame larger than this is not ours: the connection is dropped rather than a buffer grown without end. */
    public static final int LARGEST = 16 * 1024 * 1024;

    public enum Type {
        /** Client: its working directory, against which the commands resolve relative paths. */
        WORKING_DIRECTORY('D'),
        /** Client: answer in JSON (the payload is empty). */
        JSON('J'),
        /** Client: a command line to run. */
        COMMAND('C'),
        /** Master: output of the command. */
        OUT('O'),
        /** Master: an error message of the command. */
        ERR('E'),
        /** Master: the command is done; the payload is its exit status, in decimal. */
        EXIT('X');

        private final byte code;

        Type(char code) {
            this.code = (byte) code;
        }

        static Type of(byte code) throws IOException {
            for (Type type : values()) {
                if (type.code == code) {
                    return type;
                }
            }
            throw new IOException("not a shell frame: type byte " + (code & 0xff));
        }
    }

    public static ShellFrame text(Type type, String text) {
        return new ShellFrame(type, text.getBytes(StandardCharsets.UTF_8));
    }

    public static ShellFrame exit(int status) {
        return text(Type.EXIT, Integer.toString(status));
    }

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The status of an {@link Type#EXIT} frame. */
    public int status() throws IOException {
        try {
            return Integer.parseInt(text());
        } catch (NumberFormatException e) {
            throw new IOException("not an exit status: " + text());
        }
    }

    public void writeTo(DataOutputStream out) throws IOException {
        out.writeByte(type.code);
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    /** The next frame; null at a clean end of the stream (between frames). */
    public static ShellFrame readFrom(DataInputStream in) throws IOException {
        int code = in.read();
        if (code < 0) {
            return null;
        }
        Type type = Type.of((byte) code);
        try {
            int length = in.readInt();
            if (length < 0 || length > LARGEST) {
                throw new IOException("a shell frame of " + length + " bytes: not ours");
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            return new ShellFrame(type, payload);
        } catch (EOFException e) {
            throw new IOException("the connection ended inside a frame", e);
        }
    }
}
