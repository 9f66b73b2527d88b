// The picker on a real page: it reads the demo profile, stays away from non-profiles, and follows
// single-page navigation (the URL changes, the page is re-rendered, no reload).
import { render, screen, waitFor, within } from "@testing-library/react"
import { afterEach, describe, expect, it } from "vitest"
import { PickerApp } from "~components/picker/picker-app"
import { parseDemoPage as parse, showPage, withDemoPages } from "./demo-page"

const fake = withDemoPages()

/** Queries inside the picker card (the page has its own headings). */
const picker = () => within(screen.getByTestId("picker"))

afterEach(() => {
  window.history.pushState({}, "", "/")
})

describe("the picker on a page", () => {
  it("appears on a demo profile with the person read from the page", async () => {
    showPage("in/jane-cooper-demo.html", "/demo/in/jane-cooper-demo")
    render(<PickerApp win={window} />)
    expect(picker().getByRole("heading", { name: "Jane Cooper" })).toBeTruthy()
    await waitFor(() => expect(fake().sentOf("load-person")[0]?.capture).toMatchObject({ personKey: "li:jane-cooper-demo", emails: ["jane.cooper@example.com"] }))
  })

  it("stays hidden on a page that is not a profile", () => {
    showPage("feed.html", "/demo/feed")
    render(<PickerApp win={window} />)
    expect(screen.queryByTestId("picker")).toBeNull()
  })

  it("follows a single-page navigation to another profile, then to a non-profile", async () => {
    showPage("in/jane-cooper-demo.html", "/demo/in/jane-cooper-demo")
    render(<PickerApp win={window} />)
    expect(picker().getByRole("heading", { name: "Jane Cooper" })).toBeTruthy()

    showPage("in/robert-fox-demo.html", "/demo/in/robert-fox-demo")
    await waitFor(() => expect(picker().getByRole("heading", { name: "Robert Fox" })).toBeTruthy(), { timeout: 3000 })
    await waitFor(() => expect(fake().sentOf("load-person").map((b) => b.capture.personKey)).toEqual(["li:jane-cooper-demo", "li:robert-fox-demo"]))

    showPage("feed.html", "/demo/feed")
    await waitFor(() => expect(screen.queryByTestId("picker")).toBeNull(), { timeout: 3000 })
    expect(fake().sentOf("report-capture").at(-1)).toEqual({ capture: null })
  })

  it("appears when a profile renders after the page loaded", async () => {
    window.history.pushState({}, "", "/demo/in/jane-cooper-demo")
    render(<PickerApp win={window} />)
    expect(screen.queryByTestId("picker")).toBeNull()

    const page = parse("in/jane-cooper-demo.html")
    document.head.innerHTML = page.head.innerHTML
    const content = document.createElement("div")
    content.id = "page"
    content.innerHTML = page.body.innerHTML
    document.body.prepend(content)
    await waitFor(() => expect(picker().getByRole("heading", { name: "Jane Cooper" })).toBeTruthy(), { timeout: 3000 })
  })
})
