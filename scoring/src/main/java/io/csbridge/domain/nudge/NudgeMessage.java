package io.csbridge.domain.nudge;

/** What the user reads in one language: a title, a short body and one button (label and where it goes). */
public record NudgeMessage(String title, String body, String buttonLabel, String buttonUrl) {

    public NudgeMessage {
        title = title == null ? "" : title;
        body = body == null ? "" : body;
        buttonLabel = buttonLabel == null ? "" : buttonLabel;
        buttonUrl = buttonUrl == null ? "" : buttonUrl;
    }
}
