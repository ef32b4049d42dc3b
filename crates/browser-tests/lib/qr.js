// The counter's camera scanner, for real: the page's own counter.js and vendored jsQR read a
// QR code from a camera stream. A headless browser has no camera, so getUserMedia is replaced
// (before any page script runs) by one answering with the stream of a canvas on which the
// picture of the resident's QR code is drawn — what a cashier's camera would film.

/** Opens the counter at `path` in `person`'s JavaScript-enabled page, starts the scanner
 * with `png` in front of the "camera", and waits for the page it submits to. */
export async function scanQrAtCounter(person, path, png) {
  await person.context.addInitScript((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const getUserMedia = async () => {
      // createImageBitmap decodes the bytes without a fetch, so the page's CSP is untouched.
      const picture = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const margin = 48; // the white quiet zone around a code held up to a camera
      const canvas = document.createElement('canvas');
      canvas.width = picture.width + 2 * margin;
      canvas.height = picture.height + 2 * margin;
      const context = canvas.getContext('2d');
      const draw = () => {
        context.fillStyle = '#fff';
        context.fillRect(0, 0, canvas.width, canvas.height);
        context.drawImage(picture, margin, margin);
      };
      draw();
      // A canvas stream only carries a frame when the canvas is drawn on: keep filming.
      setInterval(draw, 100);
      return canvas.captureStream(10);
    };
    if (navigator.mediaDevices) {
      navigator.mediaDevices.getUserMedia = getUserMedia;
    } else {
      Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia } });
    }
  }, png.toString('base64'));

  await person.go(path);
  // With JavaScript the scanner shows itself; the typed-code form stays beside it.
  if (!(await person.page.locator('#scan-start').isVisible())) {
    throw new Error('the counter page shows no scanner with JavaScript on');
  }
  await person.act(() => person.page.click('#scan-start'));
}

/**
 * What a phone's camera app reads from the QR code in `png` (a screenshot of a printed
 * poster): the page's own vendored jsQR decodes it in a JavaScript-enabled blank page of
 * `browser`, as a camera app would, so the journey follows the link the code really holds.
 */
export async function readQr(browser, png) {
  const context = await browser.newContext({ javaScriptEnabled: true });
  try {
    const page = await context.newPage();
    await page.addScriptTag({ path: new URL('../../../templates/static/vendor/jsQR.js', import.meta.url).pathname });
    const text = await page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const picture = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const margin = 32;
      const canvas = document.createElement('canvas');
      canvas.width = picture.width + 2 * margin;
      canvas.height = picture.height + 2 * margin;
      const context2d = canvas.getContext('2d');
      context2d.fillStyle = '#fff';
      context2d.fillRect(0, 0, canvas.width, canvas.height);
      context2d.drawImage(picture, margin, margin);
      const image = context2d.getImageData(0, 0, canvas.width, canvas.height);
      // eslint-disable-next-line no-undef
      const code = jsQR(image.data, image.width, image.height);
      return code ? code.data : null;
    }, png.toString('base64'));
    if (!text) throw new Error('the picture holds no readable QR code');
    return text;
  } finally {
    await context.close();
  }
}
