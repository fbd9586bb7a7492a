package dev.lockscope.advisor;

import java.util.List;

/**
 * One verdict about one lock.
 *
 * @param verdict        what to do
 * @param confidence     how far to trust it
 * @param reason         one sentence: why
 * @param evidence       the figures it rests on, each with its source
 * @param missing        evidence that would have made it surer, and how to get it
 * @param expectedEffect what applying it should change
 */
public record Advice(Verdict verdict, Confidence confidence, String reason, List<String> evidence,
                     List<String> missing, String expectedEffect) {
}
