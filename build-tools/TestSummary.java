import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The test run in a few lines: tests run, failed, errors and skipped per report folder (a module's unit and pax-exam
 * tests; the end-to-end runs on each worker class), the totals, and each failed test with the first line of its
 * message. Reads the surefire XML reports under the repository written since the given time (milliseconds since the
 * epoch), so reports left by an earlier run are not counted. Run by ../run-tests after Maven, as a single-file
 * program: {@code java build-tools/TestSummary.java ROOT SINCE_MILLIS}.
 */
public class TestSummary {
    private static final Pattern SUITE = Pattern.compile("<testsuite\\b[^>]*>");
    private static final Pattern CASE = Pattern.compile(
            "<testcase\\b[^>]*?name=\"([^\"]*)\"[^>]*?classname=\"([^\"]*)\"[^>]*?(/>|>(.*?)</testcase>)", Pattern.DOTALL);
    private static final Pattern FAILURE = Pattern.compile("<(failure|error)\\b[^>]*>");
    private static final Pattern MESSAGE = Pattern.compile("\\bmessage=\"([^\"]*)\"");
    private static final Pattern TYPE = Pattern.compile("\\btype=\"([^\"]*)\"");

    record Counts(int run, int failed, int errors, int skipped) {
        Counts plus(Counts other) {
            return new Counts(run + other.run, failed + other.failed, errors + other.errors, skipped + other.skipped);
        }

        @Override
        public String toString() {
            return String.format("%5d run, %d failed, %d errors, %d skipped", run, failed, errors, skipped);
        }
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        FileTime since = FileTime.fromMillis(Long.parseLong(args[1]));
        Map<String, Counts> byFolder = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path report : files.filter(path -> isReport(path, since)).sorted().toList()) {
                String xml = Files.readString(report);
                Matcher suite = SUITE.matcher(xml);
                if (!suite.find()) {
                    continue;
                }
                String head = suite.group();
                Counts counts = new Counts(attribute(head, "tests"), attribute(head, "failures"),
                        attribute(head, "errors"), attribute(head, "skipped"));
                byFolder.merge(root.relativize(report.getParent()).toString(), counts, Counts::plus);
                collectFailures(xml, root.relativize(report.getParent()).toString(), failures);
            }
        }
        if (byFolder.isEmpty()) {
            System.out.println("Test summary: no test reports written by this run");
            return;
        }
        System.out.println("Test summary (per report folder):");
        Counts total = new Counts(0, 0, 0, 0);
        for (Map.Entry<String, Counts> folder : byFolder.entrySet()) {
            System.out.printf("  %-58s %s%n", folder.getKey(), folder.getValue());
            total = total.plus(folder.getValue());
        }
        System.out.printf("  %-58s %s%n", "all", total);
        if (!failures.isEmpty()) {
            System.out.println("Failed:");
            failures.forEach(failure -> System.out.println("  " + failure));
        }
    }

    private static boolean isReport(Path path, FileTime since) {
        String name = path.getFileName().toString();
        try {
            return name.startsWith("TEST-") && name.endsWith(".xml")
                    && path.getParent().getFileName().toString().startsWith("surefire-reports")
                    && Files.getLastModifiedTime(path).compareTo(since) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void collectFailures(String xml, String folder, List<String> failures) {
        Matcher testCase = CASE.matcher(xml);
        while (testCase.find()) {
            String body = testCase.group(4);
            if (body == null) {
                continue;
            }
            Matcher failure = FAILURE.matcher(body);
            if (failure.find()) {
                Matcher attribute = MESSAGE.matcher(failure.group());
                Matcher type = TYPE.matcher(failure.group());
                String message = attribute.find() ? unescape(attribute.group(1)).lines().findFirst().orElse("")
                        : type.find() ? type.group(1) : "";
                failures.add(testCase.group(2) + "." + testCase.group(1) + " (" + folder + "): " + failure.group(1)
                        + (message.isEmpty() ? "" : ": " + abbreviate(message)));
            }
        }
    }

    private static int attribute(String element, String name) {
        Matcher value = Pattern.compile("\\b" + name + "=\"(\\d+)\"").matcher(element);
        return value.find() ? Integer.parseInt(value.group(1)) : 0;
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&#10;", "\n").replace("&#13;", "").replace("&amp;", "&");
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
