// urllib.parse.quote(value, safe=""): UTF-8 bytes, everything but letters, digits and `_.-~` percent-encoded.

export function urlQuote(value: string): string {
	return Array.from(Buffer.from(value, 'utf8'))
		.map((byte) => {
			const ch = String.fromCharCode(byte);
			return /[A-Za-z0-9_.~-]/.test(ch)
				? ch
				: `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
		})
		.join('');
}
