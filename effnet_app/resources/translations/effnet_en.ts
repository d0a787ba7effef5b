<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CheckDialog</name>
    <message numerus="yes">
        <source>Near-copies: the same picture resized, re-saved or cropped (%n)</source>
        <translation>
            <numerusform>Near-copies: the same picture resized, re-saved or cropped (%n)</numerusform>
            <numerusform>Near-copies: the same picture resized, re-saved or cropped (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Overlapping views of one scene, kept on one side of the validation split (%n)</source>
        <translation>
            <numerusform>Overlapping views of one scene, kept on one side of the validation split (%n)</numerusform>
            <numerusform>Overlapping views of one scene, kept on one side of the validation split (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Classes that look alike (%n)</source>
        <translation>
            <numerusform>Classes that look alike (%n)</numerusform>
            <numerusform>Classes that look alike (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Probably filed under the wrong class, most suspicious first (%n)</source>
        <translation>
            <numerusform>Probably filed under the wrong class, most suspicious first (%n)</numerusform>
            <numerusform>Probably filed under the wrong class, most suspicious first (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClassifyPage</name>
    <message numerus="yes">
        <source>%n file(s) are not images and were left out.</source>
        <translation>
            <numerusform>%n file is not an image and was left out.</numerusform>
            <numerusform>%n files are not images and were left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be read; each says why in the list.</source>
        <translation>
            <numerusform>%n image could not be read; the list says why.</numerusform>
            <numerusform>%n images could not be read; each says why in the list.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message numerus="yes">
        <source>&lt;b&gt;Next: train a model&lt;/b&gt; on these %n picture(s). A quick training takes seconds to a few minutes.</source>
        <translation>
            <numerusform>&lt;b&gt;Next: train a model&lt;/b&gt; on these %n picture. A quick training takes seconds to a few minutes.</numerusform>
            <numerusform>&lt;b&gt;Next: train a model&lt;/b&gt; on these %n pictures. A quick training takes seconds to a few minutes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) cannot be used and will be skipped; the list below says why.</source>
        <translation>
            <numerusform>%n file cannot be used and will be skipped; the list below says why.</numerusform>
            <numerusform>%n files cannot be used and will be skipped; the list below says why.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The folder can be used. %n thing(s) to know are listed below.</source>
        <translation>
            <numerusform>The folder can be used. %n thing to know is listed below.</numerusform>
            <numerusform>The folder can be used. %n things to know are listed below.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EvaluatePage</name>
    <message numerus="yes">
        <source>%n answered “None of these”</source>
        <translation>
            <numerusform>%n answered “None of these”</numerusform>
            <numerusform>%n answered “None of these”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) answered “None of these”: unlike the training pictures. Accuracy still counts each by its closest class.</source>
        <translation>
            <numerusform>%n image answered “None of these”: unlike the training pictures. Accuracy still counts it by its closest class.</numerusform>
            <numerusform>%n images answered “None of these”: unlike the training pictures. Accuracy still counts each by its closest class.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n {t} image(s) recognised correctly. The model file lists only the mistakes; check on a folder to see every image.</source>
        <translation>
            <numerusform>%n {t} image recognised correctly. The model file lists only the mistakes; check on a folder to see every image.</numerusform>
            <numerusform>%n {t} images recognised correctly. The model file lists only the mistakes; check on a folder to see every image.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n {t} image(s) recognised correctly.</source>
        <translation>
            <numerusform>%n {t} image recognised correctly.</numerusform>
            <numerusform>%n {t} images recognised correctly.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n {t} image(s) taken for {p}.</source>
        <translation>
            <numerusform>%n {t} image taken for {p}.</numerusform>
            <numerusform>%n {t} images taken for {p}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read and were skipped.</source>
        <translation>
            <numerusform>%n file could not be read and was skipped.</numerusform>
            <numerusform>%n files could not be read and were skipped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordBar</name>
    <message numerus="yes">
        <source>%n picture(s) recorded</source>
        <translation>
            <numerusform>%n picture recorded</numerusform>
            <numerusform>%n pictures recorded</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SortDialog</name>
    <message numerus="yes">
        <source>%n picture(s) predicted; the least sure are shown first.</source>
        <translation>
            <numerusform>%n picture predicted; the least sure are shown first.</numerusform>
            <numerusform>%n pictures predicted; the least sure are shown first.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n look(s) like none of the classes.</source>
        <translation>
            <numerusform>%n looks like none of the classes.</numerusform>
            <numerusform>%n look like none of the classes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %n picture(s) into the dataset.</source>
        <translation>
            <numerusform>Moved %n picture into the dataset.</numerusform>
            <numerusform>Moved %n pictures into the dataset.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n picture(s) into the dataset.</source>
        <translation>
            <numerusform>Copied %n picture into the dataset.</numerusform>
            <numerusform>Copied %n pictures into the dataset.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Undone: %n picture(s) are back where they were.</source>
        <translation>
            <numerusform>Undone: %n picture is back where it was.</numerusform>
            <numerusform>Undone: %n pictures are back where they were.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainOnBox</name>
    <message numerus="yes">
        <source>Starts from what the model has learned and keeps its %n class(es); the folder may add pictures and classes.</source>
        <translation>
            <numerusform>Starts from what the model has learned and keeps its %n class; the folder may add pictures and classes.</numerusform>
            <numerusform>Starts from what the model has learned and keeps its %n classes; the folder may add pictures and classes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Keeps its classes and adds %n new one(s): {names}.</source>
        <translation>
            <numerusform>Keeps its classes and adds %n new one: {names}.</numerusform>
            <numerusform>Keeps its classes and adds %n new ones: {names}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainPage</name>
    <message numerus="yes">
        <source>Trains on &lt;b&gt;{name}&lt;/b&gt;: %n picture(s) in {classes} classes&lt;br&gt;&lt;small&gt;{root}&lt;/small&gt;</source>
        <translation>
            <numerusform>Trains on &lt;b&gt;{name}&lt;/b&gt;: %n picture in {classes} classes&lt;br&gt;&lt;small&gt;{root}&lt;/small&gt;</numerusform>
            <numerusform>Trains on &lt;b&gt;{name}&lt;/b&gt;: %n pictures in {classes} classes&lt;br&gt;&lt;small&gt;{root}&lt;/small&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> %n group(s) of pictures of one scene were kept on one side of the validation split, so the figure is not flattered by near-copies.</source>
        <translation>
            <numerusform> %n group of pictures of one scene was kept on one side of the validation split, so the figure is not flattered by near-copies.</numerusform>
            <numerusform> %n groups of pictures of one scene were kept on one side of the validation split, so the figure is not flattered by near-copies.</numerusform>
        </translation>
    </message>
</context>
</TS>
