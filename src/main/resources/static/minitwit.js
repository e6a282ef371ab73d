// MiniTwit's one script, loaded with defer; every page works without it.
'use strict';

// The message box says how much of its limit is left, counted as the server counts: in code points
// (an emoji is one character), and a line break as the two characters (CR LF) a form sends.
function countCharactersLeft(box, counter) {
	const limit = Number(box.dataset.limit);
	const update = () => {
		const text = box.value.replace(/\r?\n/g, '\r\n');
		const left = limit - [...text].length;
		const characters = n => (n === 1 ? '1 character' : n + ' characters');
		counter.textContent = left >= 0 ? characters(left) + ' left' : characters(-left) + ' too many';
		counter.classList.toggle('over', left < 0);
		box.classList.toggle('over', left < 0);
	};
	box.addEventListener('input', update);
	update();
	counter.hidden = false;
}

// An avatar that cannot be loaded (Gravatar blocked, or no network) gives way to a plain one.
function replaceMissingAvatar(avatar) {
	const replace = () => {
		avatar.src = '/static/avatar.svg';
	};
	if (avatar.complete && avatar.naturalWidth === 0) {
		replace();
	}
	else {
		avatar.addEventListener('error', replace, { once: true });
	}
}

document.querySelectorAll('textarea[data-limit]').forEach(box => {
	const counter = document.getElementById(box.getAttribute('aria-describedby'));
	if (counter) {
		countCharactersLeft(box, counter);
	}
});
document.querySelectorAll('img.avatar').forEach(replaceMissingAvatar);
