package io.narwhal.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ShellFrameTest {
    @ParameterizedTest
    @EnumSource(ShellFrame.Type.class)
    void everyTypeRoundTripsWithItsPayload(ShellFrame.Type type) throws IOException {
        DataInputStream in = in(bytesOf(ShellFrame.text(type, "naïve $HOME 'x' ✓\n")));

        ShellFrame frame = ShellFrame.readFrom(in);

        assertEquals(type, frame.type());
        assertEquals("naïve $HOME 'x' ✓\n", frame.text());
        assertNull(ShellFrame.readFrom(in));
    }

    @Test
    void aFrameIsItsTypeByteABigEndianLengthAndThePayload() throws IOException {
        assertArrayEquals(new byte[] {'O', 0, 0, 0, 2, 'h', 'i'}, bytesOf(ShellFrame.text(ShellFrame.Type.OUT, "hi")));
        assertArrayEquals(new byte[] {'J', 0, 0, 0, 0}, bytesOf(new ShellFrame(ShellFrame.Type.JSON, new byte[0])));
        assertArrayEquals(new byte[] {'X', 0, 0, 0, 3, '1', '2', '7'}, bytesOf(ShellFrame.exit(127)));
    }

    @Test
    void theTypeBytesAreTheDocumentedLetters() throws IOException {
        StringBuilder codes = new StringBuilder();
        for (ShellFrame.Type type : ShellFrame.Type.values()) {
            codes.append((char) bytesOf(ShellFrame.text(type, ""))[0]);
        }
        assertEquals("DJCOEX", codes.toString());
    }

    @Test
    void framesFollowOneAnotherAndACleanEndIsNull() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        ShellFrame.text(ShellFrame.Type.OUT, "one").writeTo(out);
        ShellFrame.text(ShellFrame.Type.ERR, "").writeTo(out);
        ShellFrame.exit(1).writeTo(out);
        DataInputStream in = in(bytes.toByteArray());

        assertEquals("one", ShellFrame.readFrom(in).text());
        ShellFrame empty = ShellFrame.readFrom(in);
        assertEquals(ShellFrame.Type.ERR, empty.type());
        assertEquals(0, empty.payload().length);
        assertEquals(1, ShellFrame.readFrom(in).status());
        assertNull(ShellFrame.readFrom(in));
        assertNull(ShellFrame.readFrom(in));
    }

    @Test
    void anEmptyStreamIsACleanEnd() throws IOException {
        assertNull(ShellFrame.readFrom(in(new byte[0])));
    }

    @Test
    void anExitFrameParsesItsStatus() throws IOException {
        assertEquals(0, ShellFrame.exit(0).status());
        assertEquals(130, ShellFrame.exit(130).status());
        assertEquals(-1, ShellFrame.exit(-1).status());
        assertEquals(2, ShellFrame.readFrom(in(new byte[] {'X', 0, 0, 0, 1, '2'})).status());
    }

    @Test
    void anExitFrameThatIsNotANumberIsAnIOException() {
        IOException e = assertThrows(IOException.class, () -> ShellFrame.text(ShellFrame.Type.EXIT, "ok").status());
        assertEquals("not an exit status: ok", e.getMessage());
    }

    @Test
    void anUnknownTypeByteIsAnIOExceptionNamingIt() {
        IOException e = assertThrows(IOException.class, () -> ShellFrame.readFrom(in(new byte[] {'Z', 0, 0, 0, 0})));
        assertEquals("not a shell frame: type byte 90", e.getMessage());
    }

    @Test
    void aHighTypeByteIsNamedUnsigned() {
        IOException e = assertThrows(IOException.class,
                () -> ShellFrame.readFrom(in(new byte[] {(byte) 0xff, 0, 0, 0, 0})));
        assertEquals("not a shell frame: type byte 255", e.getMessage());
    }

    @Test
    void aLengthOverLargestIsAnIOExceptionBeforeAnyBufferIsMade() {
        int over = ShellFrame.LARGEST + 1;
        byte[] header = {'O', (byte) (over >>> 24), (byte) (over >>> 16), (byte) (over >>> 8), (byte) over};
        IOException e = assertThrows(IOException.class, () -> ShellFrame.readFrom(in(header)));
        assertEquals("a shell frame of 16777217 bytes: not ours", e.getMessage());
    }

    @Test
    void aNegativeLengthIsAnIOException() {
        byte[] header = {'O', (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        IOException e = assertThrows(IOException.class, () -> ShellFrame.readFrom(in(header)));
        assertEquals("a shell frame of -1 bytes: not ours", e.getMessage());
    }

    @Test
    void aLengthOfExactlyLargestIsTaken() throws IOException {
        byte[] frame = new byte[5 + ShellFrame.LARGEST];
        frame[0] = 'O';
        frame[1] = 1; // 0x01000000 = 16 MiB
        assertEquals(ShellFrame.LARGEST, ShellFrame.readFrom(in(frame)).payload().length);
    }

    @Test
    void aStreamEndingInsideThePayloadSaysSo() {
        IOException e = assertThrows(IOException.class,
                () -> ShellFrame.readFrom(in(new byte[] {'O', 0, 0, 0, 5, 'h', 'i'})));
        assertEquals("the connection ended inside a frame", e.getMessage());
    }

    @Test
    void aStreamEndingInsideTheLengthSaysSo() {
        IOException e = assertThrows(IOException.class, () -> ShellFrame.readFrom(in(new byte[] {'O', 0, 0})));
        assertEquals("the connection ended inside a frame", e.getMessage());
    }

    @Test
    void aStreamEndingRightAfterTheTypeByteSaysSo() {
        IOException e = assertThrows(IOException.class, () -> ShellFrame.readFrom(in(new byte[] {'C'})));
        assertEquals("the connection ended inside a frame", e.getMessage());
    }

    private static byte[] bytesOf(ShellFrame frame) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        frame.writeTo(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static DataInputStream in(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }
}
