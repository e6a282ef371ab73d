package org.minitwit.timeline;

/** Which of the three timelines a page shows. */
enum Timeline {

	/** The signed-in user's own, with the message box. */
	MY,

	PUBLIC,

	/** One user's messages, with whether the viewer follows them. */
	USER

}
