package io.narwhal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.narwhal.settings.AccessLogFormat.Atom;
import io.narwhal.settings.AccessLogFormat.HeaderAtom;
import io.narwhal.settings.AccessLogFormat.Text;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessLogFormatTest {
    @Test
    void gunicornsDefaultIsTextAndAtomsInOrder() throws InvalidSettingException {
        AccessLogFormat format = AccessLogFormat.parse(AccessLogFormat.GUNICORN_DEFAULT);
        assertEquals(List.of(new Atom("h"), new Text(" "), new Atom("l"), new Text(" "), new Atom("u"), new Text(" "),
                new Atom("t"), new Text(" \""), new Atom("r"), new Text("\" "), new Atom("s"), new Text(" "),
                new Atom("b"), new Text(" \""), new Atom("f"), new Text("\" \""), new Atom("a"), new Text("\"")),
                format.parts());
        assertEquals(AccessLogFormat.GUNICORN_DEFAULT, format.text());
    }

    @Test
    void headerAtomsAndPercentSigns() throws InvalidSettingException {
        assertEquals(List.of(new HeaderAtom("X-Request-Id", false), new Text(" 100% "), new HeaderAtom("Content-Type", true)),
                AccessLogFormat.parse("%({X-Request-Id}i)s 100%% %({Content-Type}o)s").parts());
    }

    @Test
    void anUnknownAtomOrABareFieldIsAnErrorNamingIt() {
        assertEquals("invalid access_log_format: unknown atom %(x)s (known: B D H L M T U a b f h l m p q r s t u,"
                + " {header}i, {header}o)",
                assertThrows(InvalidSettingException.class, () -> AccessLogFormat.parse("%(h)s %(x)s")).getMessage());
        assertEquals("invalid access_log_format: a '%' at 3 is neither %(atom)s nor %%",
                assertThrows(InvalidSettingException.class, () -> AccessLogFormat.parse("ab %s")).getMessage());
        assertThrows(InvalidSettingException.class, () -> AccessLogFormat.parse("%(h)d"));
        assertThrows(InvalidSettingException.class, () -> AccessLogFormat.parse("%({Bad Name}i)s"));
    }

    @Test
    void theSettingsCarryItAndItsText() throws InvalidSettingException {
        ServerSettings settings = ServerSettings.parse(Map.of("accesslog", "-", "access_log_format", "%(h)s %(D)s"));
        assertEquals("-", settings.accessLog());
        assertEquals(List.of(new Atom("h"), new Text(" "), new Atom("D")), settings.accessLogFormat().parts());
        assertEquals("%(h)s %(D)s", settings.toMap().get("access_log_format"));
        assertEquals("", ServerSettings.defaults().accessLog(), "off unless set, as Gunicorn");
    }
}
