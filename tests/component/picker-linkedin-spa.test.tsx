/**
 * @vitest-environment-options { "url": "https://www.linkedin.com/feed/" }
 */
// The picker on linkedin.com, where the person key comes from the URL: a single-page navigation
// changes the URL before the new profile is rendered, and the old page must not pass for the new person.
import { render, screen, waitFor, within } from "@testing-library/react"
import { beforeEach, describe, expect, it } from "vitest"
import { PickerApp } from "~components/picker/picker-app"
import { showPage, withDemoPages } from "./demo-page"

const fake = withDemoPages()
const picker = () => within(screen.getByTestId("picker"))

beforeEach(() => {
  expect(window.location.hostname).toBe("www.linkedin.com")
})

describe("the picker on linkedin.com", () => {
  it("waits for the new profile when the URL changes before the page is re-rendered", async () => {
    // LinkedIn changes the URL first and swaps the profile in later: the old person's page must
    // never be shown, or sent, as the new person.
    showPage("in/jane-cooper-demo.html", "/in/jane-cooper-demo")
    render(<PickerApp win={window} />)
    expect(picker().getByRole("heading", { name: "Jane Cooper" })).toBeTruthy()

    window.history.pushState({}, "", "/in/robert-fox-demo")
    window.dispatchEvent(new PopStateEvent("popstate"))
    await waitFor(() => expect(screen.queryByTestId("picker")).toBeNull())
    // The old page is still there; unrelated parts of it change (a feed ticker, a counter).
    for (let i = 0; i < 3; i++) {
      document.body.append(document.createElement("span"))
      await new Promise((r) => setTimeout(r, 50))
    }
    expect(screen.queryByTestId("picker")).toBeNull()

    showPage("in/robert-fox-demo.html", "/in/robert-fox-demo")
    await waitFor(() => expect(picker().getByRole("heading", { name: "Robert Fox" })).toBeTruthy(), { timeout: 3000 })
    const sent = fake().sentOf("load-person").map((b) => [b.capture.personKey, b.capture.name])
    expect(sent).toEqual([
      ["li:jane-cooper-demo", "Jane Cooper"],
      ["li:robert-fox-demo", "Robert Fox"],
    ])
  })
})
